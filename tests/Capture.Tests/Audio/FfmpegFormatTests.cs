using EmoStream.Capture.Audio;
using EmoStream.Capture.Audio.Ffmpeg;
using EmoStream.Capture.Tests.Support;

namespace EmoStream.Capture.Tests.Audio;

/// <summary>
/// Compressed formats made at test time from a generated stereo tone (440 Hz left, 1 kHz right, 44.1 kHz)
/// by Debian's ffmpeg and sox, then read back through the product's reader.
/// </summary>
public sealed class FfmpegFormatTests : IClassFixture<FfmpegFormatTests.Source>
{
    private readonly Source _source;

    public FfmpegFormatTests(Source source) => _source = source;

    public sealed class Source : IDisposable
    {
        public Source()
        {
            WavWriter.Write(Wav, [Signals.Tone(440, 44_100, 1.0, 0.4), Signals.Tone(1000, 44_100, 1.0, 0.2)],
                44_100, WavEncoding.Int16);
        }

        public TempDirectory Dir { get; } = new();
        public string Wav => Dir.File("tone.wav");

        public void Dispose() => Dir.Dispose();
    }

    public static TheoryData<string, string[]> Encodings => new()
    {
        { "mp3", ["-c:a", "libmp3lame", "-b:a", "192k"] },
        { "flac", ["-c:a", "flac"] },
        { "ogg", ["-c:a", "libvorbis", "-q:a", "6"] },
        { "opus", ["-c:a", "libopus", "-b:a", "128k"] },
        { "m4a", ["-c:a", "aac", "-b:a", "192k"] },
        { "wav", ["-c:a", "pcm_mulaw", "-ar", "8000"] }, // mu-law in a WAV container: declined natively, ffmpeg decodes it
    };

    private string Encode(string extension, string[] codec)
    {
        var path = _source.Dir.File($"tone-{extension}-{codec[1]}.{extension}");
        ExternalTool.Run("ffmpeg", ["-nostdin", "-v", "error", "-y", "-i", _source.Wav, .. codec, path]);
        return path;
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Decodes_format_keeping_channels_duration_and_tones(string extension, string[] codec)
    {
        var path = Encode(extension, codec);

        var audio = AudioFileReader.Default.ReadChannels16k(path);

        Assert.Equal(2, audio.ChannelCount);
        // Encoders may add priming samples or pad the last frame; allow 60 ms.
        Assert.InRange(audio.FrameCount, 16_000 - 960, 16_000 + 960);
        var left = audio.Channels[0].AsSpan(3200, 8000);
        var right = audio.Channels[1].AsSpan(3200, 8000);
        Assert.InRange(Signals.Amplitude(left, 440, 16_000), 0.4 * 0.9, 0.4 * 1.1);
        Assert.InRange(Signals.Amplitude(right, 1000, 16_000), 0.2 * 0.9, 0.2 * 1.1);
        Assert.True(Signals.Amplitude(left, 1000, 16_000) < 0.01, "the left channel holds the right channel's tone");
    }

    [Fact]
    public void Decodes_flac_written_by_sox_mixed_to_mono()
    {
        var path = _source.Dir.File("sox.flac");
        ExternalTool.Run("sox", _source.Wav, path);

        var mono = AudioFileReader.Default.Read16kMono(path);

        Assert.Equal(16_000, mono.Length);
        Assert.InRange(Signals.Amplitude(mono.AsSpan(3200, 8000), 440, 16_000), 0.2 * 0.98, 0.2 * 1.02);
        Assert.InRange(Signals.Amplitude(mono.AsSpan(3200, 8000), 1000, 16_000), 0.1 * 0.98, 0.1 * 1.02);
    }

    [Fact]
    public void Truncated_flac_is_reported_as_corrupt()
    {
        var path = Encode("flac", ["-c:a", "flac"]);
        var cut = _source.Dir.File("cut.flac");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<AudioFormatException>(() => AudioFileReader.Default.Read16kMono(cut));

        Assert.Equal(cut, e.File);
        Assert.Contains("corrupt", e.Problem);
    }

    [Fact]
    public void Video_without_sound_is_reported_as_having_no_audio_stream()
    {
        var path = _source.Dir.File("silent-film.mp4");
        ExternalTool.Run("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=0.2:size=64x64",
            "-c:v", "mpeg4", path);

        var e = Assert.Throws<AudioFormatException>(() => new FfmpegDecoder().TryDecode(path));

        Assert.Equal(path, e.File);
        Assert.Contains("no audio stream", e.Problem);
    }
}
