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

    public static float[] Fit(WordVectors vectors, double[] probabilities, float[] sifWeights, int words)
    {
        var d = vectors.Dimension;
        var n = Math.Min(words, vectors.Count);
        var m = new double[d, d];
        var x = new double[d];
        for (var r = 0; r < n; r++)
        {
            var row = vectors.Row(r);
            for (var i = 0; i < d; i++) x[i] = sifWeights[r] * (double)row[i];
            var c = probabilities[r];
            for (var i = 0; i < d; i++)
            {
                var ci = c * x[i];
                for (var j = i; j < d; j++) m[i, j] += ci * x[j];
            }
        }
        for (var i = 0; i < d; i++)
            for (var j = 0; j < i; j++) m[i, j] = m[j, i];

        var v = Enumerable.Repeat(1.0 / Math.Sqrt(d), d).ToArray();
        var next = new double[d];
        for (var it = 0; it < Iterations; it++)
        {
            for (var i = 0; i < d; i++)
            {
                var s = 0.0;
                for (var j = 0; j < d; j++) s += m[i, j] * v[j];
                next[i] = s;
            }
            var norm = Math.Sqrt(next.Sum(t => t * t));
            for (var i = 0; i < d; i++) v[i] = next[i] / norm;
        }
        return v.Select(t => (float)t).ToArray();
    }
}
