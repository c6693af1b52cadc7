namespace EmoStream.Inference.Features.Acoustic.Analysis;

/// <summary>Levels of harmonics read from a periodicity frame's power spectrum.</summary>
internal static class HarmonicLevels
{
    /// <summary>Strongest power within ±<paramref name="halfWidthHz"/> (at least one bin) of <paramref name="hz"/>.</summary>
    public static double Peak(ReadOnlySpan<float> power, double hz, double halfWidthHz, double binHz)
    {
        var center = hz / binHz;
        var width = Math.Max(1, halfWidthHz / binHz);
        var from = Math.Max(0, (int)Math.Floor(center - width));
        var to = Math.Min(power.Length - 1, (int)Math.Ceiling(center + width));
        double max = 0;
        for (var k = from; k <= to; k++) max = Math.Max(max, power[k]);
        return max;
    }
}
