namespace EmoStream.Inference.Features.Acoustic.Functionals;

/// <summary>
/// Fractions of time: above 25/50/75/90 % of the range (up-level times), and rising or falling between
/// adjacent frames (rise and fall times).
/// </summary>
internal sealed class LevelTimes : IFunctionalGroup
{
    private static readonly double[] Fractions = [0.25, 0.50, 0.75, 0.90];

    public IReadOnlyList<string> Names { get; } = [.. Fractions.Select(l => $"upleveltime{l * 100:0}"), "risetime", "falltime"];

    public void Compute(Contour contour, Span<float> output)
    {
        var x = contour.Values;
        float min = x[0], max = x[0];
        foreach (var v in x) { if (v < min) min = v; if (v > max) max = v; }
        for (var l = 0; l < Fractions.Length; l++)
        {
            var threshold = min + Fractions[l] * (max - min);
            var above = 0;
            foreach (var v in x) if (v > threshold) above++;
            output[l] = above / (float)x.Length;
        }
        int pairs = 0, rising = 0, falling = 0;
        for (var i = 0; i + 1 < x.Length; i++)
        {
            if (!contour.Adjacent(i)) continue;
            pairs++;
            if (x[i + 1] > x[i]) rising++;
            else if (x[i + 1] < x[i]) falling++;
        }
        output[Fractions.Length] = pairs > 0 ? rising / (float)pairs : 0;
        output[Fractions.Length + 1] = pairs > 0 ? falling / (float)pairs : 0;
    }
}
