namespace EmoStream.Capture.Diarization;

/// <summary>
/// Frame features for telling voices apart: 19 mel-frequency cepstral coefficients (c1..c19 of 40 log mel bands,
/// 25 ms Hamming frames every 10 ms, pre-emphasis 0.97) and each frame's log energy, from 16 kHz mono audio.
/// </summary>
internal static class SpeakerFeatures
{
    public const int SampleRate = 16000;
    public const int Hop = 160;
    public const int Window = 400;
    public const int Dimensions = 19;
    private const int FftSize = 512;
    private const int Bands = 40;

    private static readonly double[,] Dct = DctMatrix();
    private static readonly float[] Hamming = Enumerable.Range(0, Window).Select(i => (float)(0.54 - 0.46 * Math.Cos(2 * Math.PI * i / (Window - 1)))).ToArray();
    private static readonly (int Start, float[] Weights)[] Filters = MelFilters();

    public static double FrameSeconds => (double)Hop / SampleRate;

    /// <returns>One row of <see cref="Dimensions"/> cepstra per frame, and each frame's log energy (dB).</returns>
    public static (double[][] Cepstra, double[] EnergyDb) Compute(ReadOnlySpan<float> samples)
    {
        var frames = samples.Length < Window ? 0 : 1 + (samples.Length - Window) / Hop;
        var cepstra = new double[frames][];
        var energy = new double[frames];
        var re = new double[FftSize];
        var im = new double[FftSize];
        var logMel = new double[Bands];
        for (var f = 0; f < frames; f++)
        {
            Array.Clear(re);
            Array.Clear(im);
            var offset = f * Hop;
            double sum = 0;
            for (var i = 0; i < Window; i++)
            {
                var x = samples[offset + i] - (i > 0 ? 0.97f * samples[offset + i - 1] : 0.97f * (offset > 0 ? samples[offset - 1] : 0));
                sum += samples[offset + i] * (double)samples[offset + i];
                re[i] = x * Hamming[i];
            }
            energy[f] = 10 * Math.Log10(sum / Window + 1e-12);
            Fft(re, im);
            for (var b = 0; b < Bands; b++)
            {
                var (start, weights) = Filters[b];
                double e = 0;
                for (var k = 0; k < weights.Length; k++) e += weights[k] * (re[start + k] * re[start + k] + im[start + k] * im[start + k]);
                logMel[b] = Math.Log(e + 1e-10);
            }
            var c = new double[Dimensions];
            for (var j = 0; j < Dimensions; j++)
            {
                double v = 0;
                for (var b = 0; b < Bands; b++) v += Dct[j, b] * logMel[b];
                c[j] = v;
            }
            cepstra[f] = c;
        }
        return (cepstra, energy);
    }

    private static (int, float[])[] MelFilters()
    {
        static double Mel(double hz) => 2595 * Math.Log10(1 + hz / 700);
        static double Hz(double mel) => 700 * (Math.Pow(10, mel / 2595) - 1);
        var low = Mel(64);
        var high = Mel(7600);
        var edges = Enumerable.Range(0, Bands + 2).Select(i => Hz(low + (high - low) * i / (Bands + 1)) * FftSize / SampleRate).ToArray();
        var filters = new (int, float[])[Bands];
        for (var b = 0; b < Bands; b++)
        {
            var start = (int)Math.Ceiling(edges[b]);
            var end = (int)Math.Floor(edges[b + 2]);
            var weights = new float[Math.Max(1, end - start + 1)];
            for (var k = start; k <= end; k++)
                weights[k - start] = (float)(k <= edges[b + 1] ? (k - edges[b]) / (edges[b + 1] - edges[b]) : (edges[b + 2] - k) / (edges[b + 2] - edges[b + 1]));
            filters[b] = (start, weights);
        }
        return filters;
    }

    /// <summary>DCT-II rows 1..<see cref="Dimensions"/> (c0, the level, says nothing of the voice).</summary>
    private static double[,] DctMatrix()
    {
        var dct = new double[Dimensions, Bands];
        for (var j = 0; j < Dimensions; j++)
            for (var b = 0; b < Bands; b++) dct[j, b] = Math.Cos(Math.PI * (j + 1) * (b + 0.5) / Bands);
        return dct;
    }

    /// <summary>In-place radix-2 FFT.</summary>
    private static void Fft(double[] re, double[] im)
    {
        var n = re.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
        for (var len = 2; len <= n; len <<= 1)
        {
            var angle = -2 * Math.PI / len;
            double wr = Math.Cos(angle), wi = Math.Sin(angle);
            for (var i = 0; i < n; i += len)
            {
                double cr = 1, ci = 0;
                for (var k = 0; k < len / 2; k++)
                {
                    var a = i + k;
                    var b = a + len / 2;
                    var tr = re[b] * cr - im[b] * ci;
                    var ti = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                    (cr, ci) = (cr * wr - ci * wi, cr * wi + ci * wr);
                }
            }
        }
    }
}
