using NAudio.Wave;

namespace EmoStream.Capture.Audio.Wav;

/// <summary>Writes 16-bit PCM WAV files through NAudio's <see cref="WaveFileWriter"/> (what the product stores and replays; any reader takes them).</summary>
public static class Pcm16WavWriter
{
    private const int BlockFrames = 16_384;

    /// <summary>Writes the channels interleaved; samples outside [-1, 1] are clipped. Written under a temporary name, then moved.</summary>
    public static void Write(string path, IReadOnlyList<float[]> channels, int sampleRate)
    {
        if (channels.Count == 0 || channels.Any(c => c.Length != channels[0].Length))
            throw new ArgumentException("expected one or more channels of equal length", nameof(channels));
        var frames = channels[0].Length;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var tmp = path + ".tmp";
        using (var writer = new WaveFileWriter(tmp, new WaveFormat(sampleRate, 16, channels.Count)))
        {
            var block = new short[BlockFrames * channels.Count];
            for (var start = 0; start < frames; start += BlockFrames)
            {
                var count = Math.Min(BlockFrames, frames - start);
                for (var f = 0; f < count; f++)
                    for (var c = 0; c < channels.Count; c++)
                        block[f * channels.Count + c] = ToInt16(channels[c][start + f]);
                writer.WriteSamples(block, 0, count * channels.Count);
            }
        }
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>The value a 16-bit file stores for a sample (and so what reading it back gives, divided by 32768).</summary>
    public static short ToInt16(float x) => (short)Math.Clamp(Math.Round(x * 32768.0), short.MinValue, short.MaxValue);
}
