namespace EmoStream.Inference.Features.Acoustic.Functionals;

/// <summary>Arithmetic mean and standard deviation.</summary>
internal sealed class MeanDeviation : IFunctionalGroup
{
    public IReadOnlyList<string> Names { get; } = ["mean", "stddev"];

    public void Compute(Contour contour, Span<float> output)
    {
        var mean = Statistics.Mean(contour.Values);
        output[0] = (float)mean;
        output[1] = (float)Statistics.StandardDeviation(contour.Values, mean);
    }
}
