using EmoStream.Inference.Calibration;

namespace EmoStream.Inference.Tests.Calibration;

public class TemperatureScalingTests
{
    /// <summary>Labels drawn from softmax(z / trueT): logits that are trueT times too confident.</summary>
    private static (float[][] Logits, int[] Truth) Sample(double trueT, int n, int seed)
    {
        var rng = new Random(seed);
        var logits = new float[n][];
        var truth = new int[n];
        for (var i = 0; i < n; i++)
        {
            logits[i] = Enumerable.Range(0, 4).Select(_ => (float)(rng.NextDouble() * 8 - 4)).ToArray();
            var p = TemperatureScaling.Probabilities(logits[i], trueT);
            var u = rng.NextDouble();
            var c = 0;
            for (var acc = p[0]; acc < u && c < 3; acc += p[++c]) { }
            truth[i] = c;
        }
        return (logits, truth);
    }

    [Fact]
    public void Over_confident_logits_get_T_above_1_near_the_true_temperature_and_a_lower_ECE()
    {
        var (logits, truth) = Sample(trueT: 2.5, n: 4000, seed: 1);

        var t = TemperatureScaling.Fit(logits, truth);

        Assert.InRange(t, 2.2, 2.8);
        var before = CalibrationError.Expected(logits.Select(z => TemperatureScaling.Probabilities(z, 1)).ToArray(), truth);
        var after = CalibrationError.Expected(logits.Select(z => TemperatureScaling.Probabilities(z, t)).ToArray(), truth);
        Assert.True(after < before / 2, $"ECE {before:F4} -> {after:F4}");
        Assert.True(TemperatureScaling.NegativeLogLikelihood(logits, truth, t) < TemperatureScaling.NegativeLogLikelihood(logits, truth, 1));
    }

    [Fact]
    public void Fitting_across_sources_makes_no_source_worse_where_a_pooled_fit_does()
    {
        // A large over-confident corpus and a small, slightly under-confident one (as RAVDESS and EmoDB held out).
        var (big, bigTruth) = Sample(trueT: 2.5, n: 3000, seed: 2);
        var (small, smallTruth) = Sample(trueT: 0.8, n: 300, seed: 3);
        var logits = big.Concat(small).ToArray();
        var truth = bigTruth.Concat(smallTruth).ToArray();
        var sources = Enumerable.Repeat("big", big.Length).Concat(Enumerable.Repeat("small", small.Length)).ToArray();
        double Nll(float[][] z, int[] y, double t) => TemperatureScaling.NegativeLogLikelihood(z, y, t);

        var pooled = TemperatureScaling.Fit(logits, truth);
        var across = TemperatureScaling.FitAcrossSources(logits, truth, sources);

        Assert.True(Nll(small, smallTruth, pooled) > Nll(small, smallTruth, 1), "the pooled fit should hurt the small corpus here");
        Assert.True(Nll(small, smallTruth, across) <= Nll(small, smallTruth, 1) + 1e-9);
        Assert.True(Nll(big, bigTruth, across) <= Nll(big, bigTruth, 1) + 1e-9);
        // One source: the plain fit.
        Assert.Equal(TemperatureScaling.Fit(big, bigTruth), TemperatureScaling.FitAcrossSources(big, bigTruth, Enumerable.Repeat("big", big.Length).ToArray()), 9);
    }

    [Fact]
    public void Under_confident_logits_get_T_below_1()
    {
        var (logits, truth) = Sample(trueT: 0.5, n: 4000, seed: 2);

        Assert.InRange(TemperatureScaling.Fit(logits, truth), 0.4, 0.6);
    }

    [Fact]
    public void Scaling_keeps_the_predicted_class_and_sums_to_one()
    {
        float[] z = [1.5f, -0.3f, 2.0f, 0.1f];
        foreach (var t in new[] { 0.3, 1, 4 })
        {
            var p = TemperatureScaling.Probabilities(z, t);
            Assert.Equal(2, Array.IndexOf(p, p.Max()));
            Assert.Equal(1, p.Sum(), 5);
        }
    }

    [Fact]
    public void No_held_out_labels_is_refused()
    {
        Assert.Throws<ArgumentException>(() => TemperatureScaling.Fit([], []));
    }
}
