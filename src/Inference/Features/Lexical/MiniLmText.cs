using System.Globalization;
using System.Text;
using EmoStream.Inference.Corpora.Importers;

namespace EmoStream.Inference.Features.Lexical;

/// <summary>
/// What the MiniLM featurizer does to a transcript before the package's tokenizer sees it. That tokenizer splits
/// words on spaces and "\r\n" only and knows ASCII punctuation only, and it neither strips accents nor reads stray
/// Windows-1252 bytes, while BERT's uncased tokenizer (which the model was trained with) does. So: Windows-1252 C1
/// controls are read as their characters (MELD's "\x92"), typographic quotes, apostrophes, the ellipsis and dashes
/// become ASCII, accents are stripped (Latin letters lose their marks, combining marks are dropped), every run of white space or control characters becomes
/// one space. Letters keep their case (the tokenizer lower-cases).
/// </summary>
public static class MiniLmText
{
    // Latin letters U+00C0-U+024F that decompose into a base letter and marks, and that base letter (generated with
    // Python's unicodedata NFD); invariant globalization (Directory.Build.props) leaves string.Normalize without tables.
    private const string Accented =
        "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆ" +
        "ćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐő" +
        "ŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛ" +
        "ǜǞǟǠǡǢǣǦǧǨǩǪǫǬǭǮǯǰǴǵǸǹǺǻǼǽǾǿȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧ" +
        "ȨȩȪȫȬȭȮȯȰȱȲȳ";

    private const string Unaccented =
        "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaC" +
        "cCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOo" +
        "RrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzOoUuAaIiOoUuUuUuUuU" +
        "uAaAaÆæGgKkOoOoƷʒjGgNnAaÆæØøAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAa" +
        "EeOoOoOoOoYy";

    private static readonly Dictionary<char, char> BaseLetters = Accented.Zip(Unaccented).ToDictionary(p => p.First, p => p.Second);

    /// <summary>Bumped whenever the normalised text for some input changes; recorded in the featurizer settings.</summary>
    public const int Version = 1;

    /// <summary>The normalised text, or null when it holds no letter or digit (empty, white space, punctuation or symbols only).</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var b = new StringBuilder(text.Length + 8);
        var space = true; // drops leading white space
        var usable = false;
        foreach (var c in MapWindows1252(text))
        {
            var ch = BaseLetters.TryGetValue(c, out var bare) ? bare : c;
            string? replacement = ch switch
            {
                '\u2018' or '\u2019' or '\u201B' or '\u02BC' or '\u2032' or '\u00B4' => "'",
                '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' => "\"",
                '\u2026' => "...",
                '\u2013' or '\u2014' or '\u2015' or '\u2212' => "-",
                _ => null,
            };
            if (replacement is not null)
            {
                b.Append(replacement);
                space = false;
                continue;
            }
            if (char.IsWhiteSpace(ch) || char.IsControl(ch))
            {
                if (!space) b.Append(' ');
                space = true;
                continue;
            }
            if (CharUnicodeInfo.GetUnicodeCategory(ch) is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format) continue;
            usable |= char.IsLetterOrDigit(ch);
            b.Append(ch);
            space = false;
        }
        if (!usable) return null;
        if (b.Length > 0 && b[^1] == ' ') b.Length--;
        return b.ToString();
    }

    private static string MapWindows1252(string text)
    {
        if (!text.Any(c => c is >= '\u0080' and <= '\u009F')) return text;
        return string.Create(text.Length, text, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++) span[i] = s[i] is >= '\u0080' and <= '\u009F' ? Windows1252.Map((byte)s[i]) : s[i];
        });
    }
}
