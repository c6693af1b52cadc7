using NAudio.Codecs;

namespace EmoStream.Capture.Tests.Network;

/// <summary>NAudio's G.711 mu-law expansion, which the telephony parser uses, against the standard's table.</summary>
public sealed class MuLawTests
{
    /// <summary>
    /// G.711 section 3, table 2b, written out independently of the decoder: after inverting the code's bits,
    /// segment s (3 bits) and step q (4 bits) decode to the 14-bit magnitude (2q + 33) * 2^s - 33, which the
    /// 16-bit scale multiplies by 4; the top bit set means positive.
    /// </summary>
    private static int Reference(byte code)
    {
        var inverted = ~code & 0xFF;
        var segment = (inverted >> 4) & 0x07;
        var step = inverted & 0x0F;
        var magnitude = ((2 * step + 33) << segment) - 33;
        return ((inverted & 0x80) != 0 ? -magnitude : magnitude) * 4;
    }

    [Fact]
    public void Every_code_matches_the_G711_table()
    {
        for (var code = 0; code < 256; code++)
        {
            // NAudio expands the negative zero (0x7F) to -1 instead of 0: one 16-bit step (-90 dBFS), inaudible.
            var expected = code == 0x7F ? -1 : Reference((byte)code);
            Assert.Equal(expected, MuLawDecoder.MuLawToLinearSample((byte)code));
        }
    }

    [Theory]
    // Rows of the published table: the extremes, both zeros and segment edges.
    [InlineData(0x00, -32124)]
    [InlineData(0x80, 32124)]
    [InlineData(0x7F, -1)] // G.711: 0 (negative zero); NAudio: -1
    [InlineData(0xFF, 0)]
    [InlineData(0x7E, -8)]
    [InlineData(0xFE, 8)]
    [InlineData(0x70, -120)]
    [InlineData(0x6F, -132)]
    [InlineData(0x0F, -16764)]
    [InlineData(0x10, -15996)]
    public void Known_table_rows(byte code, short linear) => Assert.Equal(linear, MuLawDecoder.MuLawToLinearSample(code));
}
