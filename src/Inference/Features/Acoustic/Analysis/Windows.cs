namespace EmoStream.Inference.Features.Acoustic.Analysis;

/// <summary>Window and transform tables.</summary>
internal static class Windows
{
    public static float[] Hamming(int length)
    {
        var w = new float[length];
        for (var n = 0; n < length; n++) w[n] = (float)(0.54 - 0.46 * Math.Cos(2 * Math.PI * n / (length - 1)));
        return w;
    }

    public static float[] Hann(int length)
    {
        var w = new float[length];
        for (var n = 0; n < length; n++) w[n] = (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * (n + 0.5) / length));
        return w;
    }

    /// <summary>
    /// Orthonormal DCT-II rows 1..<paramref name="count"/> (c0, the energy, is left out) with HTK's sinusoidal
    /// lifter, which brings the higher coefficients to comparable magnitudes.
    /// </summary>
    public static float[] LifteredDct(int bands, int count, int lifter)
    {
        var m = new float[count * bands];
        var scale = Math.Sqrt(2.0 / bands);
        for (var c = 0; c < count; c++)
        {
            var order = c + 1;
            var lift = lifter > 0 ? 1 + lifter / 2.0 * Math.Sin(Math.PI * order / lifter) : 1;
            for (var b = 0; b < bands; b++)
                m[c * bands + b] = (float)(scale * lift * Math.Cos(Math.PI * order * (b + 0.5) / bands));
        }
        return m;
    }
}
