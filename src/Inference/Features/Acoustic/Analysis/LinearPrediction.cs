using System.Numerics.Tensors;

namespace EmoStream.Inference.Features.Acoustic.Analysis;

/// <summary>Autocorrelation-method linear prediction (Levinson-Durbin).</summary>
internal static class LinearPrediction
{
    /// <summary>
    /// Coefficients a[0] = 1, a[1..p] of the inverse filter A(z) of <paramref name="frame"/> (already windowed);
    /// false when the frame has no energy or the recursion becomes unstable.
    /// </summary>
    public static bool Coefficients(ReadOnlySpan<float> frame, Span<double> a)
    {
        var order = a.Length - 1;
        Span<double> r = stackalloc double[order + 1];
        for (var lag = 0; lag <= order; lag++) r[lag] = TensorPrimitives.Dot(frame[..^lag], frame[lag..]);
        if (r[0] <= 0) return false;
        r[0] *= 1 + 1e-9; // a touch of white noise keeps the recursion stable on pure tones
        Span<double> previous = stackalloc double[order + 1];
        a.Clear();
        a[0] = 1;
        var error = r[0];
        for (var i = 1; i <= order; i++)
        {
            var acc = r[i];
            for (var j = 1; j < i; j++) acc += a[j] * r[i - j];
            var k = -acc / error;
            a.CopyTo(previous);
            for (var j = 1; j < i; j++) a[j] = previous[j] + k * previous[i - j];
            a[i] = k;
            error *= 1 - k * k;
            if (error <= 0 || !double.IsFinite(error)) return false;
        }
        return true;
    }
}
