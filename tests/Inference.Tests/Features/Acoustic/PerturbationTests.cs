namespace EmoStream.Inference.Tests.Features.Acoustic;

public sealed class PerturbationTests
{
    private static int[] Periods(int count, int period, double jitter, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (int)Math.Round(period * (1 + jitter * (2 * random.NextDouble() - 1)))).ToArray();
    }

    [Fact]
    public void Perfectly_periodic_pulse_train_has_near_zero_jitter_and_shimmer()
    {
        var probe = new DescriptorProbe(TestSignals.PulseTrain(Periods(120, 128, 0, 1)));

        Assert.InRange(DescriptorProbe.Median(probe.Valued("f0Semitone")), 12 * Math.Log2(125 / 27.5) - 0.1, 12 * Math.Log2(125 / 27.5) + 0.1);
        var jitter = probe.Valued("jitterLocal");
        Assert.True(jitter.Length > 50, $"only {jitter.Length} frames with jitter");
        Assert.True(jitter.Max() < 0.002, $"jitter {jitter.Max()}");
        Assert.True(probe.Valued("shimmerLocal").Max() < 0.01);
    }

    [Fact]
    public void Jitter_grows_with_period_perturbation()
    {
        double MedianJitter(double perturbation) =>
            DescriptorProbe.Median(new DescriptorProbe(TestSignals.PulseTrain(Periods(120, 128, perturbation, 2))).Valued("jitterLocal"));

        var none = MedianJitter(0);
        var small = MedianJitter(0.02);
        var large = MedianJitter(0.06);

        Assert.True(none < small && small < large, $"jitter {none} / {small} / {large}");
        // Uniform ±p perturbation: E|T_i - T_i+1| / T = 2p/3 for independent periods.
        Assert.InRange(large, 0.02, 0.06);
    }

    [Fact]
    public void Shimmer_grows_with_amplitude_perturbation_and_jitter_stays_low()
    {
        var random = new Random(5);
        var amplitudes = Enumerable.Range(0, 120).Select(_ => 1 + 0.2 * (2 * random.NextDouble() - 1)).ToArray();
        var steady = new DescriptorProbe(TestSignals.PulseTrain(Periods(120, 128, 0, 1)));
        var shaky = new DescriptorProbe(TestSignals.PulseTrain(Periods(120, 128, 0, 1), amplitudes));

        var before = DescriptorProbe.Median(steady.Valued("shimmerLocal"));
        var after = DescriptorProbe.Median(shaky.Valued("shimmerLocal"));

        Assert.True(after > before + 0.05, $"shimmer {before} -> {after}");
        Assert.True(DescriptorProbe.Median(shaky.Valued("shimmerLocalDb")) > 0.5);
        Assert.True(DescriptorProbe.Median(shaky.Valued("jitterLocal")) < 0.005);
    }
}
