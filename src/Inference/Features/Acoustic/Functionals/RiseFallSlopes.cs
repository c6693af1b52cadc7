namespace EmoStream.Inference.Features.Acoustic.Functionals;

/// <summary>
/// eGeMAPS's slopes: the contour is cut at its turning points (and at gaps); each rising part gives
/// Δvalue/Δt, each falling part |Δvalue|/Δt (units per second). Mean and deviation of each kind; 0 when none.
/// </summary>
internal sealed class RiseFallSlopes : IFunctionalGroup
{
    public IReadOnlyList<string> Names { get; } = ["risingSlopeMean", "risingSlopeStd", "fallingSlopeMean", "fallingSlopeStd"];

    public void Compute(Contour contour, Span<float> output)
    {
        var x = contour.Values;
        var rising = new List<double>();
        var falling = new List<double>();
        var start = 0;
        var direction = 0;
        for (var i = 0; i + 1 < x.Length; i++)
        {
            if (!contour.Adjacent(i))
            {
                Close(contour, start, i, rising, falling);
                start = i + 1;
                direction = 0;
                continue;
            }
            var step = Math.Sign(x[i + 1] - x[i]);
            if (step == 0) continue;
            if (direction != 0 && step != direction)
            {
                Close(contour, start, i, rising, falling);
                start = i;
            }
            direction = step;
        }
        Close(contour, start, x.Length - 1, rising, falling);
        output[0] = rising.Count > 0 ? (float)rising.Average() : 0;
        output[1] = (float)Statistics.StandardDeviation(rising);
        output[2] = falling.Count > 0 ? (float)falling.Average() : 0;
        output[3] = (float)Statistics.StandardDeviation(falling);
    }

    private static void Close(Contour contour, int from, int to, List<double> rising, List<double> falling)
    {
        if (to <= from) return;
        var dv = contour.Values[to] - contour.Values[from];
        var dt = contour.Seconds(to) - contour.Seconds(from);
        if (dv > 0) rising.Add(dv / dt);
        else if (dv < 0) falling.Add(-dv / dt);
    }
}
