using System.Buffers.Binary;

namespace EmoStream.Capture.Audio.Wav;

/// <summary>Writes 16-bit PCM WAV files (what the product stores and replays; any reader takes them).</summary>
public static class Pcm16WavWriter
{
    private const int HeaderBytes = 44;

    /// <summary>Writes the channels interleaved; samples outside [-1, 1] are clipped. Written under a temporary name, then moved.</summary>
    public static void Write(string path, IReadOnlyList<float[]> channels, int sampleRate)
    {
        if (channels.Count == 0 || channels.Any(c => c.Length != channels[0].Length))
            throw new ArgumentException("expected one or more channels of equal length", nameof(channels));
        var frames = channels[0].Length;
        var blockAlign = 2 * channels.Count;
        var bytes = new byte[HeaderBytes + (long)frames * blockAlign];
        var h = bytes.AsSpan();
        "RIFF"u8.CopyTo(h);
        BinaryPrimitives.WriteInt32LittleEndian(h[4..], bytes.Length - 8);
        "WAVEfmt "u8.CopyTo(h[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(h[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(h[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(h[22..], (short)channels.Count);
        BinaryPrimitives.WriteInt32LittleEndian(h[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(h[28..], sampleRate * blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(h[32..], (short)blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(h[34..], 16);
        "data"u8.CopyTo(h[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(h[40..], frames * blockAlign);
        var at = HeaderBytes;
        for (var f = 0; f < frames; f++)
            foreach (var channel in channels)
            {
                BinaryPrimitives.WriteInt16LittleEndian(h[at..], ToInt16(channel[f]));
                at += 2;
            }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var tmp = path + ".tmp";
        File.WriteAllBytes(tmp, bytes);
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>The value a 16-bit file stores for a sample (and so what reading it back gives, divided by 32768).</summary>
    public static short ToInt16(float x) => (short)Math.Clamp(Math.Round(x * 32768.0), short.MinValue, short.MaxValue);
}
