using System.Buffers.Binary;
using System.Text;

namespace EmoStream.Capture.Tests.Support;

/// <summary>Writes WAV files byte by byte, independently of the decoder under test, in every layout it must read.</summary>
public static class WavWriter
{
    public static byte[] Encode(IReadOnlyList<float[]> channels, int sampleRate, WavEncoding encoding,
        bool extensible = false, bool extraChunks = false)
    {
        var bytesPerSample = encoding switch
        {
            WavEncoding.Int8 => 1,
            WavEncoding.Int16 => 2,
            WavEncoding.Int24 => 3,
            WavEncoding.Int32 or WavEncoding.Float32 => 4,
            _ => 8,
        };
        var isFloat = encoding is WavEncoding.Float32 or WavEncoding.Float64;
        var blockAlign = bytesPerSample * channels.Count;
        var frames = channels[0].Length;

        var data = new byte[frames * blockAlign];
        for (var f = 0; f < frames; f++)
            for (var c = 0; c < channels.Count; c++)
                WriteSample(data.AsSpan(f * blockAlign + c * bytesPerSample, bytesPerSample), channels[c][f], encoding);

        using var fmt = new MemoryStream();
        var w = new BinaryWriter(fmt);
        w.Write((ushort)(extensible ? 0xFFFE : isFloat ? 3 : 1));
        w.Write((ushort)channels.Count);
        w.Write(sampleRate);
        w.Write(sampleRate * blockAlign);
        w.Write((ushort)blockAlign);
        w.Write((ushort)(bytesPerSample * 8));
        if (extensible)
        {
            w.Write((ushort)22);
            w.Write((ushort)(bytesPerSample * 8)); // valid bits
            w.Write((uint)((1 << channels.Count) - 1)); // channel mask: the first N speaker positions
            w.Write((ushort)(isFloat ? 3 : 1));
            w.Write(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 });
        }
        w.Flush();

        using var file = new MemoryStream();
        var o = new BinaryWriter(file);
        o.Write("RIFF"u8);
        o.Write(0); // patched below
        o.Write("WAVE"u8);
        if (extraChunks) WriteChunk(o, "LIST", Encoding.ASCII.GetBytes("INFOISFT\u0005\0\0\0test\0")); // odd size: padded
        WriteChunk(o, "fmt ", fmt.ToArray());
        if (extraChunks) WriteChunk(o, "fact", BitConverter.GetBytes(frames));
        WriteChunk(o, "data", data);
        o.Flush();
        var bytes = file.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length - 8);
        return bytes;
    }

    public static void Write(string path, IReadOnlyList<float[]> channels, int sampleRate, WavEncoding encoding,
        bool extensible = false, bool extraChunks = false) =>
        File.WriteAllBytes(path, Encode(channels, sampleRate, encoding, extensible, extraChunks));

    private static void WriteChunk(BinaryWriter o, string id, byte[] body)
    {
        o.Write(Encoding.ASCII.GetBytes(id));
        o.Write(body.Length);
        o.Write(body);
        if (body.Length % 2 == 1) o.Write((byte)0);
    }

    private static void WriteSample(Span<byte> s, float x, WavEncoding encoding)
    {
        var clamped = Math.Clamp((double)x, -1.0, 1.0);
        switch (encoding)
        {
            case WavEncoding.Int8: s[0] = (byte)Math.Clamp(Math.Round(clamped * 128) + 128, 0, 255); break;
            case WavEncoding.Int16: BinaryPrimitives.WriteInt16LittleEndian(s, (short)Math.Clamp(Math.Round(clamped * 32768), short.MinValue, short.MaxValue)); break;
            case WavEncoding.Int24:
                var v24 = (int)Math.Clamp(Math.Round(clamped * 8388608), -8388608, 8388607);
                s[0] = (byte)v24; s[1] = (byte)(v24 >> 8); s[2] = (byte)(v24 >> 16);
                break;
            case WavEncoding.Int32: BinaryPrimitives.WriteInt32LittleEndian(s, (int)Math.Clamp(Math.Round(clamped * 2147483648.0), int.MinValue, int.MaxValue)); break;
            case WavEncoding.Float32: BinaryPrimitives.WriteSingleLittleEndian(s, x); break;
            case WavEncoding.Float64: BinaryPrimitives.WriteDoubleLittleEndian(s, x); break;
        }
    }
}
