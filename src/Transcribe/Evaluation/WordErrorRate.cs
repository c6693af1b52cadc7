namespace EmoStream.Transcribe.Evaluation;

/// <summary>Word error rate: (substitutions + deletions + insertions) / reference words, after lower-casing and dropping punctuation.</summary>
public static class WordErrorRate
{
    /// <summary>Edit distance in words between reference and hypothesis, and the reference's word count.</summary>
    public static (int Errors, int ReferenceWords) Count(string reference, string hypothesis)
    {
        var r = Words(reference);
        var h = Words(hypothesis);
        var previous = new int[h.Length + 1];
        var current = new int[h.Length + 1];
        for (var j = 0; j <= h.Length; j++) previous[j] = j;
        for (var i = 1; i <= r.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= h.Length; j++)
            {
                var substitution = previous[j - 1] + (r[i - 1] == h[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return (previous[h.Length], r.Length);
    }

    public static double Compute(string reference, string hypothesis)
    {
        var (errors, words) = Count(reference, hypothesis);
        return words == 0 ? (errors == 0 ? 0 : 1) : errors / (double)words;
    }

    public static string[] Words(string text) =>
        new string(text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c == '\'' ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
