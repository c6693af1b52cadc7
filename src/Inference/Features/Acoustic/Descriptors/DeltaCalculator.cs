namespace EmoStream.Inference.Features.Acoustic.Descriptors;

/// <summary>
/// HTK regression deltas d_t = Σ_k k (c_t+k - c_t-k) / (2 Σ_k k²), k = 1..W. The window never crosses a frame
/// without a value: within each run of values the edges are repeated, so F0 deltas do not jump at voicing onsets.
/// </summary>
internal static class DeltaCalculator
{
    public static void Compute(ReadOnlySpan<float> contour, Span<float> delta, int window)
    {
        var denominator = 0f;
        for (var k = 1; k <= window; k++) denominator += 2 * k * k;
        var n = contour.Length;
        for (var start = 0; start < n;)
        {
            if (float.IsNaN(contour[start])) { delta[start++] = float.NaN; continue; }
            var end = start;
            while (end + 1 < n && !float.IsNaN(contour[end + 1])) end++;
            for (var t = start; t <= end; t++)
            {
                var sum = 0f;
                for (var k = 1; k <= window; k++)
                    sum += k * (contour[Math.Min(end, t + k)] - contour[Math.Max(start, t - k)]);
                delta[t] = sum / denominator;
            }
            start = end + 1;
        }
    }
}
