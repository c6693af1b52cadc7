namespace EmoStream.Capture.Network;

/// <summary>ITU-T G.711 mu-law expansion to 16-bit linear PCM (the codec of telephone audio streams).</summary>
public static class MuLaw
{
    private static readonly short[] Table = BuildTable();

    public static short Decode(byte code) => Table[code];

    /// <summary>Expands mu-law bytes to floats in [-1, 1].</summary>
    public static void Decode(ReadOnlySpan<byte> codes, Span<float> samples)
    {
        for (var i = 0; i < codes.Length; i++) samples[i] = Table[codes[i]] / 32768f;
    }

    private static short[] BuildTable()
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            // Codes are sent inverted; 4 mantissa bits, 3 exponent bits, a sign bit, with the 0x84 bias removed after shifting.
            var u = ~i & 0xFF;
            var magnitude = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
            table[i] = (short)((u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84);
        }
        return table;
    }
}
