using EmoStream.Inference.Features.Acoustic.Descriptors;
using EmoStream.Inference.Features.Acoustic.Functionals;

namespace EmoStream.Inference.Tests.Features.Acoustic;

public sealed class FunctionalTests
{
    private const double Fps = 100;

    private static float[] Compute(IFunctionalGroup group, float[] values, int[]? frames = null, int? total = null)
    {
        frames ??= Enumerable.Range(0, values.Length).ToArray();
        var output = new float[group.Names.Count];
        group.Compute(new Contour(values, frames, total ?? frames[^1] + 1, Fps), output);
        return output;
    }

    [Fact]
    public void Moments_of_a_known_sample()
    {
        var r = Compute(new Moments(), [2, 4, 4, 4, 5, 5, 7, 9]);
        Assert.Equal(5, r[0], 1e-5);
        Assert.Equal(2, r[1], 1e-5);
        Assert.Equal(0.65625, r[2], 1e-4);   // Σd³/n / σ³ = 42/8/8
        Assert.Equal(2.78125, r[3], 1e-4);   // Σd⁴/n / σ⁴ = 712/8/16
    }

    [Fact]
    public void Coefficient_of_variation_is_zero_for_a_zero_mean()
    {
        Assert.Equal([2f, 0.5f], Compute(new MeanVariation(), [1, 3, 1, 3]));
        Assert.Equal(0f, Compute(new MeanVariation(), [-1, 1])[1]);
    }

    [Fact]
    public void Percentiles_interpolate_and_ranges_subtract()
    {
        var values = Enumerable.Range(0, 101).Select(i => (float)i).Reverse().ToArray();
        var r = Compute(new Percentiles([1, 25, 50, 99], [(25, 50), (1, 99)]), values);
        Assert.Equal([1f, 25f, 50f, 99f, 25f, 98f], r);
    }

    [Fact]
    public void Regression_recovers_a_line_in_units_per_second()
    {
        var values = Enumerable.Range(0, 50).Select(i => (float)(3 + 0.02 * i)).ToArray(); // 2 units per second
        var r = Compute(new LinearRegression(), values);
        Assert.Equal(2, r[0], 1e-3);
        Assert.Equal(3, r[1], 1e-3);
        Assert.Equal(0, r[2], 1e-4);
    }

    [Fact]
    public void Rising_and_falling_slopes_of_a_triangle()
    {
        // Up 1 unit per frame for 10 frames (100/s), down 0.5 per frame for 10 frames (50/s).
        var values = Enumerable.Range(0, 21).Select(i => i <= 10 ? (float)i : 10f - 0.5f * (i - 10)).ToArray();
        var r = Compute(new RiseFallSlopes(), values);
        Assert.Equal([100f, 0f, 50f, 0f], r.Select(v => MathF.Round(v, 3)).ToArray());
    }

    [Fact]
    public void Slopes_and_peaks_do_not_bridge_gaps_between_voiced_runs()
    {
        // Two flat runs at different levels with a gap: no slope at all.
        var r = Compute(new RiseFallSlopes(), [1, 1, 1, 5, 5, 5], [0, 1, 2, 10, 11, 12]);
        Assert.Equal([0f, 0f, 0f, 0f], r);
    }

    [Fact]
    public void Peaks_are_counted_per_second_of_utterance()
    {
        // A peak every 10 frames over one second.
        var values = Enumerable.Range(0, 100).Select(i => (float)Math.Cos(2 * Math.PI * (i - 5) / 10.0)).ToArray();
        var r = Compute(new Peaks(), values);
        Assert.Equal(10, r[0], 1.01);
        Assert.Equal(0.1, r[2], 1e-4);
        Assert.Equal(0, r[3], 1e-4);
    }

    [Fact]
    public void Extremes_and_level_times()
    {
        var e = Compute(new Extremes(), [0, 4, 2, -2, 1]);
        Assert.Equal([4f, -2f, 6f, 0.25f, 0.75f], e);
        var l = Compute(new LevelTimes(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        Assert.Equal(8 / 11f, l[0], 1e-5f); // 3..10 are above 2.5
        Assert.Equal(1f, l[4]);          // always rising
        Assert.Equal(0f, l[5]);
    }

    [Fact]
    public void Deltas_follow_the_HTK_regression_and_stop_at_gaps()
    {
        var contour = new[] { 0f, 1, 2, 3, 4, float.NaN, 10, 10 };
        var delta = new float[contour.Length];
        DeltaCalculator.Compute(contour, delta, 2);
        Assert.Equal(1f, delta[2], 1e-5f);     // a ramp of 1 per frame in its interior
        Assert.True(float.IsNaN(delta[5]));
        Assert.Equal(0f, delta[6], 1e-5f);     // the value before the gap does not leak in
    }
}
