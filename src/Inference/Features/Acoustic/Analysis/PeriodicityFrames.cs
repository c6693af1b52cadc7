using System.Numerics.Tensors;

namespace EmoStream.Inference.Features.Acoustic.Analysis;

/// <summary>
/// The Hann-windowed periodicity frames of one utterance: per frame the local peak, the power spectrum and the
/// normalized autocorrelation r(τ) = r_x(τ) / r_x(0) / r_w(τ) for lags up to the longest period (Boersma 1993).
/// Frames too quiet ever to be voiced (local peak below silence / (1 + voicing threshold) of the global peak,
/// see <see cref="PitchTracker"/>) are not transformed; their spectra and autocorrelations stay zero.
/// </summary>
internal sealed class PeriodicityFrames
{
    public PeriodicityFrames(UtteranceAnalysis analysis)
    {
        var options = analysis.Options;
        var kernels = analysis.Kernels;
        Analysis = analysis;
        FrameCount = analysis.FrameCount;
        MinLag = Math.Max(2, (int)Math.Floor(options.SampleRate / options.MaxF0Hz));
        MaxLag = (int)Math.Ceiling(options.SampleRate / options.MinF0Hz);
        LagCount = MaxLag + 2;
        var fft = kernels.PitchFft;
        Bins = fft.Bins;
        BinHz = options.SampleRate / (double)options.PitchFftSize;
        LocalPeak = new float[FrameCount];
        Analyzed = new bool[FrameCount];
        Power = new float[FrameCount * Bins];
        Autocorrelation = new float[FrameCount * LagCount];

        var frame = new float[options.PitchFrameSamples];
        var re = new float[Bins];
        var im = new float[Bins];
        var ac = new float[Bins];
        var floor = analysis.Peak * options.SilenceThreshold / (1 + options.VoicingThreshold);
        for (var i = 0; i < FrameCount; i++)
        {
            analysis.CopyFrame(i, frame);
            var mean = TensorPrimitives.Sum(frame) / frame.Length;
            TensorPrimitives.Subtract(frame, mean, frame);
            LocalPeak[i] = Math.Abs(TensorPrimitives.MaxMagnitude(frame));
            if (analysis.Peak <= 0 || LocalPeak[i] <= floor) continue;
            TensorPrimitives.Multiply(frame, kernels.PitchWindow, frame);
            var power = Power.AsSpan(i * Bins, Bins);
            fft.Power(frame, power, re, im);
            fft.InverseEven(power, ac, re, im);
            if (ac[0] <= 0) continue;
            Analyzed[i] = true;
            var r = Autocorrelation.AsSpan(i * LagCount, LagCount);
            var w = kernels.PitchWindowAutocorrelation;
            for (var lag = 0; lag < LagCount; lag++) r[lag] = ac[lag] / ac[0] / Math.Max(w[lag], 1e-3f);
        }
    }

    public UtteranceAnalysis Analysis { get; }
    public int FrameCount { get; }
    public int MinLag { get; }
    public int MaxLag { get; }

    /// <summary>Lags 0..MaxLag + 1 are stored (one beyond the longest, for interpolation).</summary>
    public int LagCount { get; }

    public int Bins { get; }
    public double BinHz { get; }

    /// <summary>Largest |x - mean| in each frame: the loudness cue of Praat's silence test.</summary>
    public float[] LocalPeak { get; }

    public bool[] Analyzed { get; }

    /// <summary>Row-major [FrameCount x Bins] power spectra of the Hann-windowed periodicity frames.</summary>
    public float[] Power { get; }

    public float[] Autocorrelation { get; }

    public ReadOnlySpan<float> AutocorrelationOf(int frame) => Autocorrelation.AsSpan(frame * LagCount, LagCount);

    public ReadOnlySpan<float> PowerOf(int frame) => Power.AsSpan(frame * Bins, Bins);
}
