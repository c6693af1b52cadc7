using EmoStream.Capture.Audio.Wav;
using EmoStream.Capture.Tests.Support;

namespace EmoStream.Capture.Tests.Audio;

public sealed class Rf64Tests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(48_000, 0.5)]
    [InlineData(22_050, 0.3)] // 6615 frames of 3 bytes: an odd data chunk, whose pad byte ffmpeg counts in the RF64 size
    public void Reads_rf64_written_by_ffmpeg_natively(int rate, double seconds)
    {
        var source = _dir.File("source.wav");
        var tone = Signals.Tone(440, rate, seconds, 0.5);
        WavWriter.Write(source, [tone], rate, WavEncoding.Int24);
        var rf64 = _dir.File("long.wav");
        ExternalTool.Run("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", source, "-c:a", "pcm_s24le", "-rf64", "always", rf64);
        Assert.Equal("RF64", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(rf64), 0, 4));

        var audio = new WavDecoder().TryDecode(rf64);

        Assert.NotNull(audio);
        Assert.Equal(rate, audio.SampleRate);
        Assert.Equal(tone.Length, audio.FrameCount);
        Assert.True(tone.Zip(audio.Channels[0], (e, a) => Math.Abs(e - a)).Max() < 1e-6);
    }
}
