namespace EmoStream.Inference.Features.Acoustic.Functionals;

/// <summary>
/// Mean and coefficient of variation (standard deviation over |mean|), eGeMAPS's pair for ratio-scale
/// descriptors (loudness, F0, jitter); 0 when the mean is 0.
/// </summary>
internal sealed class MeanVariation : IFunctionalGroup
{
    public IReadOnlyList<string> Names { get; } = ["mean", "stddevNorm"];

    public void Compute(Contour contour, Span<float> output)
    {
        var mean = Statistics.Mean(contour.Values);
        var deviation = Statistics.StandardDeviation(contour.Values, mean);
        output[0] = (float)mean;
        output[1] = Math.Abs(mean) > 1e-12 ? (float)(deviation / Math.Abs(mean)) : 0f;
    }
}
