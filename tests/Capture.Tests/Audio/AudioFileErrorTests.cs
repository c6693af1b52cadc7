using EmoStream.Capture.Audio;
using EmoStream.Capture.Tests.Support;

namespace EmoStream.Capture.Tests.Audio;

/// <summary>Every unreadable file ends in an <see cref="AudioFormatException"/> that names the file and the problem.</summary>
public sealed class AudioFileErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static byte[] GoodWav() => WavWriter.Encode([Signals.Tone(440, 16_000, 0.5)], 16_000, WavEncoding.Int16);

    private string Write(string name, byte[] bytes)
    {
        var path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AssertFails(string path, string problemPart)
    {
        var e = Assert.Throws<AudioFormatException>(() => AudioFileReader.Default.Read16kMono(path));
        Assert.Equal(path, e.File);
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(problemPart, e.Problem, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@ 0x", e.Message); // ffmpeg's internal tags mean nothing to a user
    }

    [Fact]
    public void Empty_file() => AssertFails(Write("empty.wav", []), "empty");

    [Fact]
    public void Wav_truncated_inside_its_data()
    {
        var bytes = GoodWav();
        AssertFails(Write("cut.wav", bytes[..(bytes.Length / 2)]), "truncated");
    }

    [Fact]
    public void Wav_truncated_inside_its_header() => AssertFails(Write("cut-header.wav", GoodWav()[..30]), "truncated");

    [Fact]
    public void Wav_with_only_the_riff_tag() => AssertFails(Write("riff.wav", "RIFF"u8.ToArray()), "truncated");

    [Fact]
    public void Wav_with_a_partial_last_sample_frame()
    {
        var bytes = GoodWav();
        var dataSize = bytes.AsSpan().IndexOf("data"u8) + 4;
        BitConverter.GetBytes(BitConverter.ToInt32(bytes, dataSize) - 1).CopyTo(bytes, dataSize);
        AssertFails(Write("partial.wav", bytes[..^1]), "inside a sample frame");
    }

    [Fact]
    public void Wav_that_declares_zero_channels()
    {
        var bytes = GoodWav();
        var fmt = bytes.AsSpan().IndexOf("fmt "u8) + 8;
        bytes[fmt + 2] = 0;
        AssertFails(Write("zero-channels.wav", bytes), "0 channels");
    }

    [Fact]
    public void Wav_whose_block_size_contradicts_its_sample_size()
    {
        var bytes = GoodWav();
        var fmt = bytes.AsSpan().IndexOf("fmt "u8) + 8;
        bytes[fmt + 12] = 3;
        AssertFails(Write("block.wav", bytes), "block of 3 bytes");
    }

    [Fact]
    public void Wav_with_no_samples()
    {
        var bytes = WavWriter.Encode([Array.Empty<float>()], 16_000, WavEncoding.Int16);
        AssertFails(Write("silent.wav", bytes), "no audio samples");
    }

    [Fact]
    public void Text_file() =>
        AssertFails(Write("notes.mp3", "Meeting notes: nothing audible here.\n"u8.ToArray()), "not a readable audio file");

    [Fact]
    public void Random_bytes()
    {
        var noise = new byte[20_000];
        new Random(7).NextBytes(noise);
        AssertFails(Write("noise.ogg", noise), "not a readable audio file");
    }

    [Fact]
    public void Missing_file_is_reported_with_its_path()
    {
        var path = _dir.File("absent.wav");
        var e = Assert.Throws<FileNotFoundException>(() => AudioFileReader.Default.Read16kMono(path));
        Assert.Contains(path, e.Message);
    }
}
