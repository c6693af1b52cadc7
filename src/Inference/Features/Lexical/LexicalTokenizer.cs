using System.Text;
using EmoStream.Inference.Corpora.Importers;

namespace EmoStream.Inference.Features.Lexical;

/// <summary>
/// Splits an utterance (a transcript or a subtitle line) into lower-case word, number and punctuation tokens:
/// typographic quotes, dashes and Windows-1252 stray control characters are folded to ASCII, contractions are
/// expanded into the words GloVe knows ("don't" -> do not, "I'm" -> i am, "goin'" -> going), numbers keep their
/// decimal point and lose their grouping commas ("1,000" -> 1000), hyphenated words stay whole, repeated
/// marks collapse ("!!!" -> !, "...." -> ...), quote marks are dropped.
/// </summary>
public static class LexicalTokenizer
{
    /// <summary>Bumped whenever the tokens for some text change; recorded in the featurizer settings.</summary>
    public const int Version = 1;

    private static readonly Dictionary<string, string[]> WholeWords = new(StringComparer.Ordinal)
    {
        ["can't"] = ["can", "not"],
        ["won't"] = ["will", "not"],
        ["shan't"] = ["shall", "not"],
        ["ain't"] = ["is", "not"],
        ["let's"] = ["let", "us"],
        ["y'all"] = ["you", "all"],
        ["y'know"] = ["you", "know"],
        ["c'mon"] = ["come", "on"],
        ["ma'am"] = ["madam"],
        ["'cause"] = ["because"],
        ["'em"] = ["them"],
        ["'til"] = ["until"],
        ["'bout"] = ["about"],
    };

    // Clitics stripped from the end of a word, longest first ("n't" before "'t" would matter if both existed).
    private static readonly (string Suffix, string Word)[] Clitics =
    [
        ("n't", "not"), ("'m", "am"), ("'re", "are"), ("'ve", "have"), ("'ll", "will"), ("'d", "would"), ("'s", "'s"),
    ];

    // "'s" reads as "is" after these; elsewhere it is a possessive and carries no word of its own.
    private static readonly HashSet<string> IsContractors = new(StringComparer.Ordinal)
    {
        "it", "he", "she", "that", "what", "there", "here", "who", "where", "how", "when", "why", "this", "everything", "nothing", "something",
    };

    public static IReadOnlyList<LexicalToken> Tokenize(string? text)
    {
        var tokens = new List<LexicalToken>();
        if (string.IsNullOrEmpty(text)) return tokens;
        var s = Fold(text);
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c)) { i++; continue; }
            if (char.IsLetterOrDigit(c) || (c == '\'' && StartsLeadingClitic(s, i)))
            {
                var start = i;
                i++;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || JoinsWord(s, i))) i++;
                var chunk = s[start..i];
                // Dropped g: "goin'" -> going (only when the apostrophe closes the word).
                if (i < s.Length && s[i] == '\'' && chunk.EndsWith("in", StringComparison.Ordinal) && chunk.Length > 3
                    && (i + 1 == s.Length || !char.IsLetterOrDigit(s[i + 1])))
                {
                    chunk += "g";
                    i++;
                }
                AddChunk(chunk, tokens);
                continue;
            }
            if (c is '\'' or '"') { i++; continue; }
            var run = i;
            while (run < s.Length && s[run] == c) run++;
            if (c == '.' && run - i >= 2) tokens.Add(new LexicalToken("...", TokenKind.Punctuation));
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length) { tokens.Add(new LexicalToken(s.Substring(i, 2), TokenKind.Punctuation)); run = i + 2; }
            else tokens.Add(new LexicalToken(c.ToString(), TokenKind.Punctuation));
            i = run;
        }
        return tokens;
    }

    /// <summary>Lower-cases and folds the typographic and stray Windows-1252 characters to their ASCII forms.</summary>
    private static string Fold(string text)
    {
        var b = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            // C1 controls are Windows-1252 bytes that went through Latin-1 (MELD's "\x92"): read them as such first.
            var ch = c is >= '\u0080' and <= '\u009F' ? Windows1252.Map((byte)c) : c;
            switch (ch)
            {
                case '\u2018' or '\u2019' or '\u201B' or '\u02BC' or '\u2032' or '`' or '\u00B4':
                    b.Append('\''); break;
                case '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB':
                    b.Append('"'); break;
                case '\u2026':
                    b.Append("..."); break;
                // A dash between words is punctuation, not a hyphen that would glue them together.
                case '\u2013' or '\u2014' or '\u2015' or '\u2212':
                    b.Append(" - "); break;
                default:
                    b.Append(char.ToLowerInvariant(ch)); break;
            }
        }
        return b.ToString();
    }

    private static bool StartsLeadingClitic(string s, int i)
    {
        foreach (var key in WholeWords.Keys)
            if (key[0] == '\'' && string.CompareOrdinal(s, i, key, 0, key.Length) == 0
                && (i + key.Length == s.Length || !char.IsLetterOrDigit(s[i + key.Length])))
                return true;
        return false;
    }

    /// <summary>An apostrophe or hyphen between letters/digits, or a decimal point/grouping comma between digits, continues a word.</summary>
    private static bool JoinsWord(string s, int i)
    {
        if (i == 0 || i + 1 >= s.Length) return false;
        var (prev, c, next) = (s[i - 1], s[i], s[i + 1]);
        return c switch
        {
            '\'' or '-' => char.IsLetterOrDigit(prev) && char.IsLetterOrDigit(next),
            '.' or ',' => char.IsAsciiDigit(prev) && char.IsAsciiDigit(next),
            _ => false,
        };
    }

    private static void AddChunk(string chunk, List<LexicalToken> tokens)
    {
        if (IsNumber(chunk))
        {
            AddNumber(chunk, tokens);
            return;
        }
        if (!chunk.Contains('\''))
        {
            tokens.Add(new LexicalToken(chunk, TokenKind.Word));
            return;
        }
        if (WholeWords.TryGetValue(chunk, out var whole))
        {
            foreach (var w in whole) tokens.Add(new LexicalToken(w, TokenKind.Word));
            return;
        }
        // Strip clitics from the end ("i'd've" -> i would have), then split what is left at its apostrophes ("o'brien").
        var tail = new Stack<string>();
        var stem = chunk;
        var stripped = true;
        while (stripped)
        {
            stripped = false;
            foreach (var (suffix, word) in Clitics)
            {
                if (stem.Length <= suffix.Length || !stem.EndsWith(suffix, StringComparison.Ordinal)) continue;
                stem = stem[..^suffix.Length];
                tail.Push(word);
                stripped = true;
                break;
            }
        }
        foreach (var part in stem.Split('\'', StringSplitOptions.RemoveEmptyEntries))
            tokens.Add(new LexicalToken(part, TokenKind.Word));
        foreach (var word in tail)
        {
            if (word != "'s") tokens.Add(new LexicalToken(word, TokenKind.Word));
            else if (IsContractors.Contains(stem)) tokens.Add(new LexicalToken("is", TokenKind.Word));
        }
    }

    private static bool IsNumber(string chunk)
    {
        foreach (var ch in chunk)
            if (!char.IsAsciiDigit(ch) && ch is not '.' and not ',') return false;
        return true;
    }

    /// <summary>"1,000.5" -> 1000.5; a chunk with several points ("1.2.3", a version or a date) becomes one number per part.</summary>
    private static void AddNumber(string chunk, List<LexicalToken> tokens)
    {
        var plain = chunk.Replace(",", "", StringComparison.Ordinal);
        if (plain.Count(ch => ch == '.') <= 1)
        {
            tokens.Add(new LexicalToken(plain, TokenKind.Number));
            return;
        }
        foreach (var part in plain.Split('.', StringSplitOptions.RemoveEmptyEntries))
            tokens.Add(new LexicalToken(part, TokenKind.Number));
    }
}
