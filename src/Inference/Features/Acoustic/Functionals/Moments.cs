namespace EmoStream.Inference.Features.Acoustic.Functionals;

/// <summary>Mean, standard deviation, skewness and kurtosis (a constant contour has skewness and kurtosis 0).</summary>
internal sealed class Moments : IFunctionalGroup
{
    public IReadOnlyList<string> Names { get; } = ["mean", "stddev", "skewness", "kurtosis"];

    public void Compute(Contour contour, Span<float> output)
    {
        var x = contour.Values;
        var mean = Statistics.Mean(x);
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (var v in x)
        {
            var d = v - mean;
            var d2 = d * d;
            m2 += d2; m3 += d2 * d; m4 += d2 * d2;
        }
        m2 /= x.Length; m3 /= x.Length; m4 /= x.Length;
        output[0] = (float)mean;
        output[1] = (float)Math.Sqrt(m2);
        // A (near) constant contour has no shape; its skewness and kurtosis are reported as 0.
        var defined = m2 > 1e-12 * Math.Max(1, mean * mean);
        output[2] = defined ? (float)(m3 / Math.Pow(m2, 1.5)) : 0f;
        output[3] = defined ? (float)(m4 / (m2 * m2)) : 0f;
    }
}
