namespace EmoStream.Inference.Statistics;

/// <summary>The special functions the tests' p-values need (Numerical Recipes, 3rd ed., sections 6.1, 6.2, 6.4).</summary>
public static class SpecialFunctions
{
    private static readonly double[] Lanczos =
    [
        57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, .339946499848118887e-4,
        .465236289270485756e-4, -.983744753048795646e-4, .158088703224912494e-3, -.210264441724104883e-3,
        .217439618115212643e-3, -.164318106536763890e-3, .844182239838527433e-4, -.261908384015814087e-4,
        .368991826595316234e-5,
    ];

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, relative error below 1e-15).</summary>
    public static double LogGamma(double x)
    {
        if (x <= 0) throw new ArgumentOutOfRangeException(nameof(x), x, "LogGamma needs x > 0");
        double y = x, tmp = x + 5.24218750000000000;
        tmp = (x + 0.5) * Math.Log(tmp) - tmp;
        var ser = 0.999999999999997092;
        foreach (var c in Lanczos) ser += c / ++y;
        return tmp + Math.Log(2.5066282746310005 * ser / x);
    }

    /// <summary>The regularized incomplete beta function I_x(a, b), by its continued fraction.</summary>
    public static double IncompleteBeta(double a, double b, double x)
    {
        if (x < 0 || x > 1) throw new ArgumentOutOfRangeException(nameof(x), x, "x must be in [0, 1]");
        if (x == 0 || x == 1) return x;
        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        // The fraction converges fast for x below (a + 1) / (a + b + 2); use the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) above it.
        return x < (a + 1) / (a + b + 2) ? front * BetaFraction(a, b, x) / a : 1 - front * BetaFraction(b, a, 1 - x) / b;
    }

    private static double BetaFraction(double a, double b, double x)
    {
        const double tiny = 1e-300, eps = 1e-15;
        double qab = a + b, qap = a + 1, qam = a - 1, c = 1, d = 1 - qab * x / qap;
        if (Math.Abs(d) < tiny) d = tiny;
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= 10000; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d; if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c; if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d; if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c; if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            var del = d * c;
            h *= del;
            if (Math.Abs(del - 1) < eps) return h;
        }
        throw new ArithmeticException($"incomplete beta did not converge for a={a}, b={b}, x={x}");
    }

    /// <summary>Complementary error function (Chebyshev fit, fractional error below 1.2e-7 everywhere).</summary>
    public static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 2 / (2 + z);
        var ans = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
            t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2 - ans;
    }

    /// <summary>Standard normal CDF.</summary>
    public static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>Two-sided tail probability of Student's t with <paramref name="df"/> degrees of freedom: P(|T| ≥ |t|).</summary>
    public static double StudentTwoSided(double t, double df) => IncompleteBeta(df / 2, 0.5, df / (df + t * t));
}
