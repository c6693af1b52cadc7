using System.Collections.Concurrent;

namespace EmoStream.Capture.Audio.Resampling;

/// <summary>
/// A Kaiser-windowed sinc low-pass for rational rate change L/M, split into L phases of K taps each.
/// Pass band to 95% of the lower Nyquist frequency, stop band from that Nyquist frequency on, 90 dB down:
/// from 44.1 kHz to 16 kHz a 7.5 kHz tone keeps its level and anything above 8 kHz is removed before it
/// can alias. Designs are cached per rate pair because the larger ones cost milliseconds to compute.
/// </summary>
internal sealed class PolyphaseFilter
{
    private const double StopBandAttenuationDb = 90;
    private const double PassBandFraction = 0.95;

    private static readonly ConcurrentDictionary<(int, int), PolyphaseFilter> Cache = new();

    private PolyphaseFilter(int up, int down, int halfTaps, float[] taps)
    {
        Up = up;
        Down = down;
        HalfTaps = halfTaps;
        Taps = taps;
    }

    /// <summary>Interpolation factor L.</summary>
    public int Up { get; }

    /// <summary>Decimation factor M.</summary>
    public int Down { get; }

    /// <summary>Input samples used on each side of the output instant; each phase has 2 * HalfTaps + 1 taps.</summary>
    public int HalfTaps { get; }

    public int TapsPerPhase => 2 * HalfTaps + 1;

    /// <summary>Phase-major, each phase reversed so that it multiplies input samples in time order.</summary>
    public float[] Taps { get; }

    public ReadOnlySpan<float> Phase(int phase) => Taps.AsSpan(phase * TapsPerPhase, TapsPerPhase);

    public static PolyphaseFilter For(int inputRate, int outputRate) =>
        Cache.GetOrAdd((inputRate, outputRate), static key => Design(key.Item1, key.Item2));

    private static PolyphaseFilter Design(int inputRate, int outputRate)
    {
        var gcd = Gcd(inputRate, outputRate);
        int up = outputRate / gcd, down = inputRate / gcd;
        double intermediateRate = (double)inputRate * up;
        var nyquist = 0.5 * Math.Min(inputRate, outputRate);
        var transition = (1 - PassBandFraction) * nyquist;
        var cutoff = nyquist - transition / 2; // -6 dB point, midway through the transition band

        // Kaiser's estimates: the length for the attenuation over the transition width, and beta for the attenuation.
        var order = (StopBandAttenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition / intermediateRate);
        var halfTaps = (int)Math.Ceiling(order / 2 / up);
        var beta = 0.1102 * (StopBandAttenuationDb - 8.7);
        var center = halfTaps * up;
        var length = 2 * center + 1;
        var normalizedCutoff = 2 * cutoff / intermediateRate;

        var prototype = new double[length];
        var i0Beta = BesselI0(beta);
        for (var n = 0; n < length; n++)
        {
            var t = n - center;
            var sinc = t == 0 ? 1 : Math.Sin(Math.PI * normalizedCutoff * t) / (Math.PI * normalizedCutoff * t);
            var r = (double)t / center;
            prototype[n] = normalizedCutoff * sinc * BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - r * r))) / i0Beta;
        }

        var tapsPerPhase = 2 * halfTaps + 1;
        var taps = new float[up * tapsPerPhase];
        for (var phase = 0; phase < up; phase++)
        {
            // Unit DC gain in every phase, so a constant input stays constant whatever the phase.
            double sum = 0;
            for (var k = 0; k < tapsPerPhase; k++)
                if (phase + k * up < length) sum += prototype[phase + k * up];
            for (var k = 0; k < tapsPerPhase; k++)
            {
                var n = phase + k * up;
                taps[phase * tapsPerPhase + tapsPerPhase - 1 - k] = n < length ? (float)(prototype[n] / sum) : 0f;
            }
        }
        return new PolyphaseFilter(up, down, halfTaps, taps);
    }

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, half = x / 2;
        for (var k = 1; k < 200 && term > 1e-12 * sum; k++)
        {
            term *= half / k * (half / k);
            sum += term;
        }
        return sum;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
