using EmoStream.Inference.Features.Acoustic.Analysis;

namespace EmoStream.Inference.Features.Acoustic.Descriptors;

/// <summary>
/// F1-F3 of voiced frames from the peaks of the LPC envelope of the pre-emphasized spectral frame: centre
/// frequency (parabolic interpolation on the dB envelope), -3 dB bandwidth, and the level of the harmonic
/// nearest the formant relative to the first harmonic (eGeMAPS's "relative energy"). Peak picking can merge two
/// close formants (F1 and F2 of back vowels), in which case the higher ones shift down a slot, and, as with any
/// LPC method, a low F1 under a high F0 is pulled towards a harmonic (/i/ at F0 210 Hz: F1 300 Hz reads about
/// 270 Hz). Unvoiced frames
/// and frames with fewer peaks have no value.
/// </summary>
internal sealed class FormantExtractor : IDescriptorExtractor
{
    private const int Formants = 3;
    private const float PreEmphasis = 0.97f;
    private const double MaxBandwidthHz = 1000;

    public IReadOnlyList<DescriptorInfo> Descriptors { get; } =
    [
        .. Enumerable.Range(1, Formants).SelectMany(f => new DescriptorInfo[]
        {
            new($"f{f}Frequency", "Hz (voiced frames only)", $"centre frequency of formant {f}"),
            new($"f{f}Bandwidth", "Hz (voiced frames only)", $"-3 dB bandwidth of formant {f}"),
            new($"f{f}Amplitude", "dB relative to the first harmonic (voiced frames only)", $"level of the harmonic nearest formant {f}"),
        }),
    ];

    public void Extract(UtteranceAnalysis analysis, DescriptorMatrix output, int firstRow)
    {
        var o = analysis.Options;
        var fft = analysis.Kernels.SpectralFft;
        var binHz = o.SampleRate / (double)o.SpectralFftSize;
        var frame = new float[o.SpectralFrameSamples];
        var a = new double[o.LpcOrder + 1];
        var coefficients = new float[o.LpcOrder + 1];
        var inverse = new float[fft.Bins];
        var envelope = new float[fft.Bins];
        var re = new float[fft.Bins];
        var im = new float[fft.Bins];
        var pitch = analysis.Pitch;
        var periodicity = analysis.Periodicity;
        var first = Math.Max(1, (int)Math.Ceiling(o.FormantFloorHz / binHz));
        var last = Math.Min(fft.Bins - 2, (int)Math.Floor(o.FormantCeilingHz / binHz));
        Span<(double Hz, double Bandwidth)> found = stackalloc (double, double)[Formants];

        for (var i = 0; i < analysis.FrameCount; i++)
        {
            var count = 0;
            if (pitch.Voiced[i])
            {
                analysis.CopyFrame(i, frame);
                for (var n = frame.Length - 1; n > 0; n--) frame[n] -= PreEmphasis * frame[n - 1];
                System.Numerics.Tensors.TensorPrimitives.Multiply(frame, analysis.Kernels.SpectralWindow, frame);
                if (LinearPrediction.Coefficients(frame, a))
                {
                    for (var k = 0; k < a.Length; k++) coefficients[k] = (float)a[k];
                    fft.Power(coefficients, inverse, re, im);
                    for (var k = 0; k < fft.Bins; k++) envelope[k] = Levels.Db(1.0 / Math.Max(inverse[k], 1e-12));
                    count = Peaks(envelope, first, last, binHz, found);
                }
            }
            for (var f = 0; f < Formants; f++)
            {
                var frequency = output.Row(firstRow + 3 * f);
                var bandwidth = output.Row(firstRow + 3 * f + 1);
                var amplitude = output.Row(firstRow + 3 * f + 2);
                if (f >= count)
                {
                    frequency[i] = bandwidth[i] = amplitude[i] = float.NaN;
                    continue;
                }
                frequency[i] = (float)found[f].Hz;
                bandwidth[i] = (float)found[f].Bandwidth;
                var power = periodicity.PowerOf(i);
                var f0 = pitch.F0Hz[i];
                // The harmonic nearest the formant: the strongest bin within half a harmonic spacing of it.
                amplitude[i] = Levels.Db(HarmonicLevels.Peak(power, found[f].Hz, f0 / 2, periodicity.BinHz))
                               - Levels.Db(HarmonicLevels.Peak(power, f0, f0 / 2, periodicity.BinHz));
            }
        }
    }

    /// <summary>Local maxima of the dB envelope in [first, last] with a -3 dB bandwidth below the limit, lowest first.</summary>
    private static int Peaks(ReadOnlySpan<float> db, int first, int last, double binHz, Span<(double Hz, double Bandwidth)> found)
    {
        var count = 0;
        for (var k = first; k <= last && count < found.Length; k++)
        {
            float a = db[k - 1], b = db[k], c = db[k + 1];
            if (!(b > a && b >= c)) continue;
            var denominator = a - 2 * b + c;
            var shift = denominator < 0 ? 0.5 * (a - c) / denominator : 0;
            var peak = b - 0.25 * (a - c) * shift;
            var target = peak - 3;
            var left = HalfPower(db, k, -1, target);
            var right = HalfPower(db, k, +1, target);
            var centre = k + shift;
            double? width = (left, right) switch
            {
                (double l, double r) => r - l,
                (double l, null) => 2 * (centre - l),
                (null, double r) => 2 * (r - centre),
                _ => null,
            };
            if (width is null || width * binHz > MaxBandwidthHz) continue;
            found[count++] = (centre * binHz, width.Value * binHz);
        }
        return count;
    }

    /// <summary>Fractional bin where the envelope first falls to <paramref name="target"/> going away from the peak; null if it rises again first.</summary>
    private static double? HalfPower(ReadOnlySpan<float> db, int peak, int direction, double target)
    {
        for (var k = peak; k + direction >= 0 && k + direction < db.Length; k += direction)
        {
            var next = db[k + direction];
            if (next > db[k]) return null;
            if (next <= target) return k + direction * (db[k] - target) / (db[k] - next);
        }
        return null;
    }
}
