using System.Numerics.Tensors;

namespace EmoStream.Inference.Features.Acoustic.Functionals;

/// <summary>Moments shared by several functional groups.</summary>
internal static class Statistics
{
    public static double Mean(ReadOnlySpan<float> x) => x.Length == 0 ? 0 : TensorPrimitives.Sum(x) / (double)x.Length;

    public static double StandardDeviation(ReadOnlySpan<float> x, double mean)
    {
        if (x.Length < 2) return 0;
        double s = 0;
        foreach (var v in x) s += (v - mean) * (v - mean);
        return Math.Sqrt(s / x.Length);
    }

    public static double StandardDeviation(IReadOnlyList<double> x)
    {
        if (x.Count < 2) return 0;
        var mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Count);
    }
}
