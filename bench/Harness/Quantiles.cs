namespace EmoStream.Bench;

/// <summary>Nearest-rank quantiles of a sample, as the benchmarks report them.</summary>
public static class Quantiles
{
    /// <summary>The smallest value with at least a fraction <paramref name="q"/> of the sample at or below it.</summary>
    public static double Of(IReadOnlyCollection<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Clamp(Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
