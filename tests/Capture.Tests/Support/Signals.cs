namespace EmoStream.Capture.Tests.Support;

/// <summary>Test signals and the measurements the tests make on them.</summary>
public static class Signals
{
    public static float[] Tone(double frequency, int sampleRate, double seconds, double amplitude = 0.5, double phase = 0)
    {
        var samples = new float[(int)Math.Round(seconds * sampleRate)];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate + phase));
        return samples;
    }

    public static double Rms(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (var s in samples) sum += (double)s * s;
        return Math.Sqrt(sum / samples.Length);
    }

    /// <summary>RMS of the middle of a signal, away from the edges where filters ramp in and out.</summary>
    public static double MiddleRms(float[] samples, double trimFraction = 0.2)
    {
        var trim = (int)(samples.Length * trimFraction);
        return Rms(samples.AsSpan(trim, samples.Length - 2 * trim));
    }

    public static double Db(double ratio) => 20 * Math.Log10(ratio);

    /// <summary>Amplitude of one frequency component (Goertzel), on the same scale as the tone's amplitude.</summary>
    public static double Amplitude(ReadOnlySpan<float> samples, double frequency, int sampleRate)
    {
        var w = 2 * Math.PI * frequency / sampleRate;
        var coeff = 2 * Math.Cos(w);
        double s1 = 0, s2 = 0;
        foreach (var x in samples)
        {
            var s0 = x + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        var power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.Sqrt(Math.Max(0, power)) / samples.Length;
    }
}
