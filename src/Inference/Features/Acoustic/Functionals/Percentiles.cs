using System.Globalization;

namespace EmoStream.Inference.Features.Acoustic.Functionals;

/// <summary>Percentiles (linear interpolation between order statistics) and inter-percentile ranges.</summary>
internal sealed class Percentiles : IFunctionalGroup
{
    private readonly int[] _percents;
    private readonly (int Low, int High)[] _ranges;

    public Percentiles(int[] percents, (int Low, int High)[] ranges)
    {
        if (ranges.Any(r => !percents.Contains(r.Low) || !percents.Contains(r.High) || r.Low >= r.High))
            throw new ArgumentException("every range must join two listed percentiles, low before high", nameof(ranges));
        _percents = percents;
        _ranges = ranges;
        Names = [.. percents.Select(p => "pctl" + p.ToString(CultureInfo.InvariantCulture)),
                 .. ranges.Select(r => $"pctlrange{r.Low}_{r.High}")];
    }

    public IReadOnlyList<string> Names { get; }

    public void Compute(Contour contour, Span<float> output)
    {
        Span<float> sorted = contour.Count <= 2048 ? stackalloc float[contour.Count] : new float[contour.Count];
        contour.Values.CopyTo(sorted);
        sorted.Sort();
        for (var i = 0; i < _percents.Length; i++) output[i] = At(sorted, _percents[i]);
        for (var i = 0; i < _ranges.Length; i++)
            output[_percents.Length + i] = output[Array.IndexOf(_percents, _ranges[i].High)] - output[Array.IndexOf(_percents, _ranges[i].Low)];
    }

    private static float At(ReadOnlySpan<float> sorted, int percent)
    {
        var position = percent / 100.0 * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(sorted.Length - 1, below + 1);
        var fraction = position - below;
        return (float)(sorted[below] + fraction * (sorted[above] - sorted[below]));
    }
}
