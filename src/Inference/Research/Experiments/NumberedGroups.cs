namespace EmoStream.Inference.Experiments;

/// <summary>
/// A corpus's groups folded into N numbered groups "1".."N", the way the paper uses IEMOCAP's five sessions. The rule
/// is deterministic: the groups are sorted by name (ordinal; the importers zero-pad numbers, so this is numeric order)
/// and cut into N contiguous blocks, block k holding sorted positions floor((k-1) n / N) .. floor(k n / N) - 1. RAVDESS's
/// 20 actors become 5 groups of 4 (actors 1-4, 5-8, ...), MELD's 10 seasons 5 groups of 2; five groups stay as they are.
/// </summary>
public sealed class NumberedGroups
{
    private NumberedGroups(IReadOnlyList<IReadOnlyList<string>> members) => Members = members;

    /// <summary>Members[k - 1] are the corpus groups of numbered group k.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Members { get; }

    public int Count => Members.Count;

    public static NumberedGroups Split(IEnumerable<string> groups, int count)
    {
        var sorted = groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (count < 2 || count > 9) throw new ArgumentException($"groups are numbered 1..N with one digit each: N must be 2..9, got {count}");
        if (sorted.Length < count)
            throw new ArgumentException($"cannot fold {sorted.Length} group(s) ({string.Join(", ", sorted)}) into {count} numbered groups");
        var members = Enumerable.Range(1, count)
            .Select(k => (IReadOnlyList<string>)sorted[((k - 1) * sorted.Length / count)..(k * sorted.Length / count)])
            .ToArray();
        return new NumberedGroups(members);
    }

    /// <summary>The corpus groups that numbered groups named by <paramref name="digits"/> (e.g. "134") stand for.</summary>
    public IReadOnlyList<string> Resolve(string digits)
    {
        var result = new List<string>();
        foreach (var c in digits)
        {
            if (c < '1' || c > '0' + Count)
                throw new ArgumentException($"'{digits}': groups are numbered 1..{Count}, got '{c}'");
            result.AddRange(Members[c - '1']);
        }
        return result.Distinct(StringComparer.Ordinal).ToArray();
    }
}
