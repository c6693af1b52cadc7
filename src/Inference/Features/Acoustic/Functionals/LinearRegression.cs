namespace EmoStream.Inference.Features.Acoustic.Functionals;

/// <summary>Least-squares line through the contour over time: slope (units per second), offset at the utterance start, RMS error.</summary>
internal sealed class LinearRegression : IFunctionalGroup
{
    public IReadOnlyList<string> Names { get; } = ["linregSlope", "linregOffset", "linregError"];

    public void Compute(Contour contour, Span<float> output)
    {
        var n = contour.Count;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var i = 0; i < n; i++)
        {
            var t = contour.Seconds(i);
            double y = contour.Values[i];
            sx += t; sy += y; sxx += t * t; sxy += t * y;
        }
        var denominator = n * sxx - sx * sx;
        var slope = denominator > 1e-12 ? (n * sxy - sx * sy) / denominator : 0;
        var offset = (sy - slope * sx) / n;
        double error = 0;
        for (var i = 0; i < n; i++)
        {
            var e = contour.Values[i] - (offset + slope * contour.Seconds(i));
            error += e * e;
        }
        output[0] = (float)slope;
        output[1] = (float)offset;
        output[2] = (float)Math.Sqrt(error / n);
    }
}
