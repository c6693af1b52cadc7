using System.Runtime.CompilerServices;
using System.Numerics;

namespace EmoStream.Inference.Features.Lexical;

/// <summary>
/// SIF's common component without a corpus: the first principal direction (uncentred, as in Arora et al.) of the
/// SIF-weighted word vector drawn from the unigram distribution, i.e. the top eigenvector of
/// sum_w p(w) (s_w v_w)(s_w v_w)^T over the most frequent words. Power iteration from a fixed start makes it
/// deterministic; it depends only on the vectors, a and the word count, all recorded in the settings.
/// </summary>
public static class CommonComponent
{
    private const int Iterations = 300;

    // Runs once per process over a large loop: compile it optimized at once rather than through tier 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float[] Fit(WordVectors vectors, double[] probabilities, float[] sifWeights, int words)
    {
        var d = vectors.Dimension;
        var n = Math.Min(words, vectors.Count);
        // Element-wise vector arithmetic only (no lane reductions), so the sum is the same on every SIMD width.
        var m = new double[d * d];
        var x = new double[d];
        for (var r = 0; r < n; r++)
        {
            var row = vectors.Row(r);
            for (var i = 0; i < d; i++) x[i] = sifWeights[r] * (double)row[i];
            var c = probabilities[r];
            for (var i = 0; i < d; i++)
            {
                var ci = c * x[i];
                var target = m.AsSpan(i * d, d);
                var j = 0;
                for (; j <= d - Vector<double>.Count; j += Vector<double>.Count)
                    (new Vector<double>(target[j..]) + ci * new Vector<double>(x.AsSpan(j))).CopyTo(target[j..]);
                for (; j < d; j++) target[j] += ci * x[j];
            }
        }

        var v = Enumerable.Repeat(1.0 / Math.Sqrt(d), d).ToArray();
        var next = new double[d];
        for (var it = 0; it < Iterations; it++)
        {
            for (var i = 0; i < d; i++)
            {
                var s = 0.0;
                for (var j = 0; j < d; j++) s += m[i * d + j] * v[j];
                next[i] = s;
            }
            var norm = Math.Sqrt(next.Sum(t => t * t));
            for (var i = 0; i < d; i++) v[i] = next[i] / norm;
        }
        return v.Select(t => (float)t).ToArray();
    }
}
