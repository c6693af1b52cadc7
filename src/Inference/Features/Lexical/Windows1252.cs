using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace EmoStream.Inference.Corpora.Importers;

/// <summary>
/// Reads text files that are meant to be UTF-8 but carry Windows-1252 bytes (MELD's csv files have stray
/// 0x92 apostrophes and the like): valid UTF-8 is decoded as such, every byte that is not is read as Windows-1252,
/// and C1 control characters (U+0080-U+009F, what such bytes become after a Latin-1 round trip) are mapped the same way.
/// </summary>
public static class Windows1252
{
    // Windows-1252 0x80-0x9F; the five undefined positions keep their C1 code point.
    private static readonly char[] High =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    public static char Map(byte b) => b is >= 0x80 and <= 0x9F ? High[b - 0x80] : (char)b;

    /// <summary>The file's text without a BOM; <paramref name="repaired"/> counts bytes and characters read as Windows-1252.</summary>
    public static string ReadFile(string path, out int repaired)
    {
        var bytes = File.ReadAllBytes(path);
        var span = bytes.AsSpan();
        if (span.StartsWith("\uFEFF"u8)) span = span[3..];
        return Decode(span, out repaired);
    }

    public static string Decode(ReadOnlySpan<byte> bytes, out int repaired)
    {
        repaired = 0;
        var text = new StringBuilder(bytes.Length);
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(16, bytes.Length));
        try
        {
            while (bytes.Length > 0)
            {
                var status = Utf8.ToUtf16(bytes, buffer, out var read, out var written, replaceInvalidSequences: false);
                for (var i = 0; i < written; i++)
                {
                    var ch = buffer[i];
                    if (ch is >= '\u0080' and <= '\u009F') { text.Append(High[ch - 0x80]); repaired++; }
                    else text.Append(ch);
                }
                bytes = bytes[read..];
                if (status == OperationStatus.Done) break;
                // Invalid or truncated UTF-8: this one byte is Windows-1252.
                text.Append(Map(bytes[0]));
                repaired++;
                bytes = bytes[1..];
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
        return text.ToString();
    }
}
