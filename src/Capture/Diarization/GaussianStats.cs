namespace EmoStream.Capture.Diarization;

/// <summary>Sufficient statistics of frames under one full-covariance Gaussian: count, sum, and sum of outer products.</summary>
internal sealed class GaussianStats
{
    private readonly int _d;

    public GaussianStats(int dimensions)
    {
        _d = dimensions;
        Sum = new double[dimensions];
        Scatter = new double[dimensions * dimensions];
    }

    public int Count { get; private set; }

    public double[] Sum { get; }

    public double[] Scatter { get; }

    public void Add(double[] x)
    {
        Count++;
        for (var i = 0; i < _d; i++)
        {
            Sum[i] += x[i];
            for (var j = 0; j <= i; j++) Scatter[i * _d + j] += x[i] * x[j];
        }
    }

    /// <summary>These statistics less <paramref name="part"/> (a subset of the same frames).</summary>
    public GaussianStats Minus(GaussianStats part)
    {
        var rest = new GaussianStats(_d) { Count = Count - part.Count };
        for (var i = 0; i < Sum.Length; i++) rest.Sum[i] = Sum[i] - part.Sum[i];
        for (var i = 0; i < Scatter.Length; i++) rest.Scatter[i] = Scatter[i] - part.Scatter[i];
        return rest;
    }

    public static GaussianStats Of(double[][] frames, int from, int to)
    {
        var stats = new GaussianStats(frames[0].Length);
        for (var t = from; t < to; t++) stats.Add(frames[t]);
        return stats;
    }

    /// <summary>Log-determinant of the covariance of <paramref name="a"/> and <paramref name="b"/> together (b may be null), with <paramref name="floor"/> added to the diagonal.</summary>
    public static double LogDet(GaussianStats a, GaussianStats? b, double floor)
    {
        var d = a._d;
        var n = (double)a.Count + (b?.Count ?? 0);
        var mean = new double[d];
        for (var i = 0; i < d; i++) mean[i] = (a.Sum[i] + (b?.Sum[i] ?? 0)) / n;
        var cov = new double[d * d];
        for (var i = 0; i < d; i++)
            for (var j = 0; j <= i; j++)
                cov[i * d + j] = (a.Scatter[i * d + j] + (b?.Scatter[i * d + j] ?? 0)) / n - mean[i] * mean[j] + (i == j ? floor : 0);
        return Cholesky(cov, d);
    }

    /// <summary>The mean and the inverse covariance's Cholesky factor, to score frames.</summary>
    public (double[] Mean, double[] InverseFactor, double LogDet) Model(double floor)
    {
        var d = _d;
        var mean = Sum.Select(s => s / Count).ToArray();
        var l = new double[d * d];
        for (var i = 0; i < d; i++)
            for (var j = 0; j <= i; j++) l[i * d + j] = Scatter[i * d + j] / Count - mean[i] * mean[j] + (i == j ? floor : 0);
        var logDet = Cholesky(l, d);
        return (mean, l, logDet);
    }

    /// <summary>Log-likelihood of <paramref name="x"/> up to a constant shared by every model: −½(log|Σ| + (x−μ)ᵀΣ⁻¹(x−μ)).</summary>
    public static double LogLikelihood(double[] x, (double[] Mean, double[] Factor, double LogDet) model, double[] scratch)
    {
        var d = model.Mean.Length;
        // Solve L y = x − μ; the Mahalanobis term is |y|².
        double q = 0;
        for (var i = 0; i < d; i++)
        {
            var v = x[i] - model.Mean[i];
            for (var k = 0; k < i; k++) v -= model.Factor[i * d + k] * scratch[k];
            scratch[i] = v / model.Factor[i * d + i];
            q += scratch[i] * scratch[i];
        }
        return -0.5 * (model.LogDet + q);
    }

    /// <summary>In place, lower triangle: a = L Lᵀ; returns log|a|.</summary>
    private static double Cholesky(double[] a, int d)
    {
        double logDet = 0;
        for (var j = 0; j < d; j++)
        {
            var s = a[j * d + j];
            for (var k = 0; k < j; k++) s -= a[j * d + k] * a[j * d + k];
            s = Math.Sqrt(Math.Max(s, 1e-12));
            a[j * d + j] = s;
            logDet += 2 * Math.Log(s);
            for (var i = j + 1; i < d; i++)
            {
                var v = a[i * d + j];
                for (var k = 0; k < j; k++) v -= a[i * d + k] * a[j * d + k];
                a[i * d + j] = v / s;
            }
        }
        return logDet;
    }
}
