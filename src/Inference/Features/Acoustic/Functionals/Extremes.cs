namespace EmoStream.Inference.Features.Acoustic.Functionals;

/// <summary>Maximum, minimum, range, and where in the utterance (0..1) the maximum and minimum occur.</summary>
internal sealed class Extremes : IFunctionalGroup
{
    public IReadOnlyList<string> Names { get; } = ["max", "min", "range", "maxPos", "minPos"];

    public void Compute(Contour contour, Span<float> output)
    {
        int max = 0, min = 0;
        var x = contour.Values;
        for (var i = 1; i < x.Length; i++)
        {
            if (x[i] > x[max]) max = i;
            if (x[i] < x[min]) min = i;
        }
        var span = Math.Max(1, contour.TotalFrames - 1);
        output[0] = x[max];
        output[1] = x[min];
        output[2] = x[max] - x[min];
        output[3] = contour.Frames[max] / (float)span;
        output[4] = contour.Frames[min] / (float)span;
    }
}
