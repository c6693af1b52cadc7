using EmoStream.Inference.Statistics;

namespace EmoStream.Inference.Tests.Statistics;

public class PairedTestsTests
{
    // Student's sleep data (Cushny and Peebles), R's datasets::sleep: extra hours of sleep under drug 1 and drug 2.
    private static readonly double[] Drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    private static readonly double[] Drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

    [Fact]
    public void Paired_t_matches_R_on_the_sleep_data()
    {
        // R: t.test(Drug2, Drug1, paired = TRUE) -> t = 4.0621, df = 9, p-value = 0.002833
        var r = PairedTests.TTest(Drug1, Drug2);

        Assert.Equal(4.0621, r.Statistic, 4);
        Assert.Equal(10, r.Pairs);
        Assert.Equal(0.002833, r.PValue, 6);
    }

    [Fact]
    public void Wilcoxon_matches_R_on_the_sleep_data_with_its_zero_and_ties()
    {
        // R: wilcox.test(Drug2, Drug1, paired = TRUE) -> V = 45, p-value = 0.009091 (normal approximation: ties and a zero)
        var r = PairedTests.Wilcoxon(Drug1, Drug2);

        Assert.Equal(45, r.Statistic);
        Assert.Equal(9, r.Pairs);
        Assert.Equal(0.009091, r.PValue, 5);
        Assert.StartsWith("normal", r.Method);
    }

    [Fact]
    public void Wilcoxon_exact_p_of_five_positive_differences_is_one_in_sixteen()
    {
        var r = PairedTests.Wilcoxon([0, 0, 0, 0, 0], [0.1, 0.2, 0.3, 0.4, 0.5]);

        Assert.Equal(15, r.Statistic);
        Assert.Equal(2.0 / 32, r.PValue, 12);
        Assert.Equal("exact", r.Method);
    }

    [Fact]
    public void Wilcoxon_exact_p_equals_brute_force_enumeration_of_sign_patterns()
    {
        double[] first = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        double[] second = [0.3, -0.1, 0.7, 0.2, -0.45, 0.9, 0.15, 0.55, -0.05, 0.8];
        var r = PairedTests.Wilcoxon(first, second);

        // Ranks of |d|: 0.05->1, 0.1->2, 0.15->3, 0.2->4, 0.3->5, 0.45->6, 0.55->7, 0.7->8, 0.8->9, 0.9->10; W+ = 55 - (1+2+6) = 46.
        Assert.Equal(46, r.Statistic);
        int below = 0, above = 0;
        for (var mask = 0; mask < 1 << 10; mask++)
        {
            var w = Enumerable.Range(1, 10).Where(k => (mask >> (k - 1) & 1) == 1).Sum();
            if (w <= 46) below++;
            if (w >= 46) above++;
        }
        Assert.Equal(2.0 * Math.Min(below, above) / 1024, r.PValue, 12);
    }

    [Fact]
    public void Paired_t_p_values_match_closed_forms_and_tables()
    {
        // Two pairs (df 1, a Cauchy t): differences 1 and 3 give t = 2, p = 1 - 2 atan(2) / pi.
        Assert.Equal(1 - 2 * Math.Atan(2) / Math.PI, PairedTests.TTest([0, 0], [1, 3]).PValue, 12);
        // Ten pairs whose t is qt(0.975, 9) = 2.262157: p = 0.05.
        double[] d = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        var sd = Math.Sqrt(d.Sum(x => (x - 5.5) * (x - 5.5)) / 9);
        var shift = 2.262157 * sd / Math.Sqrt(10) - 5.5;
        Assert.Equal(0.05, PairedTests.TTest(new double[10], d.Select(x => x + shift).ToArray()).PValue, 6);
    }

    [Fact]
    public void Identical_systems_are_not_significant_and_mismatched_samples_are_refused()
    {
        double[] x = [0.5, 0.6, 0.7];
        Assert.Equal(1, PairedTests.TTest(x, x).PValue);
        Assert.Equal(1, PairedTests.Wilcoxon(x, x).PValue);
        Assert.Throws<ArgumentException>(() => PairedTests.TTest(x, [0.5, 0.6]));
    }
}
