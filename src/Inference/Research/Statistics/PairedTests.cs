using MathNet.Numerics.Distributions;

namespace EmoStream.Inference.Statistics;

/// <summary>
/// Paired two-sided tests over matched samples (e.g. the WA of lambda 0 and lambda 1 trained with the same seeds).
/// Conventions follow R's <c>t.test(paired = TRUE)</c> and <c>wilcox.test(paired = TRUE, exact = NULL, correct = TRUE)</c>,
/// so figures can be checked there. Student's t and normal tails come from MathNet.Numerics; the exact Wilcoxon null
/// distribution, which it does not have, is counted here.
/// </summary>
public static class PairedTests
{
    /// <summary>Paired t-test on the differences <c>second - first</c>; df = n - 1.</summary>
    public static PairedTestResult TTest(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        var d = Differences(first, second);
        if (d.Length < 2) throw new ArgumentException($"a paired t-test needs at least 2 pairs, got {d.Length}");
        var mean = d.Average();
        var sd = Math.Sqrt(d.Sum(x => (x - mean) * (x - mean)) / (d.Length - 1));
        if (sd == 0)
            return new PairedTestResult("paired t", mean == 0 ? 0 : Math.CopySign(double.PositiveInfinity, mean), d.Length,
                mean == 0 ? 1 : 0, "constant differences");
        var t = mean / (sd / Math.Sqrt(d.Length));
        return new PairedTestResult("paired t", t, d.Length, 2 * StudentT.CDF(0, 1, d.Length - 1, -Math.Abs(t)), $"Student t, df {d.Length - 1}");
    }

    /// <summary>
    /// Wilcoxon signed-rank test on <c>second - first</c>: zero differences are dropped, ties get average ranks. The
    /// p-value is exact (the null distribution of W+ counted over all sign patterns) with fewer than 50 pairs and no
    /// ties or zeros; otherwise the normal approximation with tie and continuity corrections.
    /// </summary>
    public static PairedTestResult Wilcoxon(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        var all = Differences(first, second);
        var d = all.Where(x => x != 0).ToArray();
        var n = d.Length;
        if (n == 0) return new PairedTestResult("Wilcoxon signed-rank", 0, 0, 1, "all differences zero");
        var ranks = AverageRanks(d.Select(Math.Abs).ToArray(), out var tieGroups);
        var wPlus = Enumerable.Range(0, n).Where(i => d[i] > 0).Sum(i => ranks[i]);
        var ties = tieGroups.Any(t => t > 1);
        if (n < 50 && !ties && n == all.Length)
            return new PairedTestResult("Wilcoxon signed-rank", wPlus, n, ExactTwoSided((int)Math.Round(wPlus), n), "exact");

        var mean = n * (n + 1) / 4.0;
        var variance = n * (n + 1) * (2 * n + 1) / 24.0 - tieGroups.Sum(t => (double)t * t * t - t) / 48;
        var diff = wPlus - mean;
        var z = (diff - Math.Sign(diff) * 0.5) / Math.Sqrt(variance);
        return new PairedTestResult("Wilcoxon signed-rank", wPlus, n, Math.Min(1, 2 * Normal.CDF(0, 1, -Math.Abs(z))),
            "normal approximation (ties or zeros), continuity corrected");
    }

    private static double[] Differences(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        if (first.Count != second.Count) throw new ArgumentException($"paired samples differ in size: {first.Count} and {second.Count}");
        return first.Select((x, i) => second[i] - x).ToArray();
    }

    private static double[] AverageRanks(double[] values, out List<int> tieGroups)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        tieGroups = [];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++) ranks[order[k]] = rank;
            tieGroups.Add(end - start + 1);
            start = end + 1;
        }
        return ranks;
    }

    /// <summary>Two-sided exact p: 2 min(P(W ≤ w), P(W ≥ w)) under the null, counting sign patterns of ranks 1..n.</summary>
    private static double ExactTwoSided(int w, int n)
    {
        var max = n * (n + 1) / 2;
        var counts = new double[max + 1];
        counts[0] = 1;
        for (var r = 1; r <= n; r++)
            for (var s = max; s >= r; s--) counts[s] += counts[s - r];
        var total = Math.Pow(2, n);
        var lower = counts.Take(w + 1).Sum() / total;
        var upper = counts.Skip(w).Sum() / total;
        return Math.Min(1, 2 * Math.Min(lower, upper));
    }
}
