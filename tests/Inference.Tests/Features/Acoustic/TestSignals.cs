namespace EmoStream.Inference.Tests.Features.Acoustic;

/// <summary>Synthetic 16 kHz signals whose acoustic answers are known.</summary>
internal static class TestSignals
{
    public const int Rate = 16000;

    /// <summary>Sum of the first <paramref name="harmonics"/> harmonics of <paramref name="f0"/> with 1/k amplitudes, peak about <paramref name="amplitude"/>.</summary>
    public static float[] HarmonicTone(double f0, double seconds, int harmonics = 8, double amplitude = 0.5)
    {
        var x = new float[(int)(seconds * Rate)];
        var norm = Enumerable.Range(1, harmonics).Sum(k => 1.0 / k);
        for (var n = 0; n < x.Length; n++)
        {
            double v = 0;
            for (var k = 1; k <= harmonics && k * f0 < Rate / 2.0; k++) v += Math.Sin(2 * Math.PI * k * f0 * n / Rate) / k;
            x[n] = (float)(amplitude * v / norm * 1.6);
        }
        return x;
    }

    public static float[] Sine(double hz, double seconds, double amplitude = 0.5)
    {
        var x = new float[(int)(seconds * Rate)];
        for (var n = 0; n < x.Length; n++) x[n] = (float)(amplitude * Math.Sin(2 * Math.PI * hz * n / Rate));
        return x;
    }

    public static float[] WhiteNoise(double seconds, double amplitude = 0.3, int seed = 7)
    {
        var random = new Random(seed);
        var x = new float[(int)(seconds * Rate)];
        for (var n = 0; n < x.Length; n++) x[n] = (float)(amplitude * (2 * random.NextDouble() - 1));
        return x;
    }

    /// <summary>
    /// Unit impulses with the given periods (samples), each shaped by a short decaying resonance so that the
    /// waveform looks like voiced speech; <paramref name="amplitudes"/> scales each pulse.
    /// </summary>
    public static float[] PulseTrain(IReadOnlyList<int> periods, IReadOnlyList<double>? amplitudes = null)
    {
        var length = periods.Sum() + 400;
        var x = new double[length];
        var position = 200;
        for (var p = 0; p < periods.Count; p++)
        {
            var a = amplitudes?[p] ?? 1.0;
            // A damped 700 Hz resonance excited by each pulse (a crude first formant).
            for (var n = 0; n < 120 && position + n < length; n++)
                x[position + n] += a * Math.Exp(-n / 25.0) * Math.Cos(2 * Math.PI * 700 * n / Rate);
            position += periods[p];
        }
        var peak = x.Max(Math.Abs);
        return x.Select(v => (float)(0.5 * v / peak)).ToArray();
    }

    /// <summary>
    /// A synthetic vowel: an impulse train at <paramref name="f0"/>, tilted by -6 dB/octave like the glottal
    /// source and lip radiation of real speech (a leaky integrator), through a cascade of two-pole resonators
    /// (Klatt's formant filters) at the given formant frequencies and bandwidths.
    /// </summary>
    public static float[] Vowel(double f0, double seconds, (double Hz, double Bandwidth)[] formants)
    {
        var x = new double[(int)(seconds * Rate)];
        var period = Rate / f0;
        for (var t = 0.0; t < x.Length; t += period) x[(int)t] = 1;
        for (var n = 1; n < x.Length; n++) x[n] += 0.97 * x[n - 1];
        foreach (var (hz, bandwidth) in formants)
        {
            var r = Math.Exp(-Math.PI * bandwidth / Rate);
            var c1 = 2 * r * Math.Cos(2 * Math.PI * hz / Rate);
            var c2 = -r * r;
            double y1 = 0, y2 = 0;
            for (var n = 0; n < x.Length; n++)
            {
                var y = x[n] + c1 * y1 + c2 * y2;
                y2 = y1;
                y1 = y;
                x[n] = y;
            }
        }
        var peak = x.Max(Math.Abs);
        return x.Select(v => (float)(0.5 * v / peak)).ToArray();
    }

    public static float[] Scaled(float[] x, double gain) => x.Select(v => (float)(v * gain)).ToArray();
}
