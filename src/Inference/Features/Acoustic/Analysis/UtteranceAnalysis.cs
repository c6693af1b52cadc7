using System.Numerics.Tensors;

namespace EmoStream.Inference.Features.Acoustic.Analysis;

/// <summary>
/// Everything the descriptor extractors share for one utterance, each computed once: the conditioned signal,
/// the framing (frame i is centred on sample i * hop + hop / 2, zero-padded beyond the signal), the spectral
/// frames' power spectra, mel band powers, and (on first use) the periodicity frames, pitch track and pulses.
/// </summary>
internal sealed class UtteranceAnalysis
{
    private readonly AnalysisKernels _kernels;
    private float[]? _melPower;
    private PeriodicityFrames? _periodicity;
    private PitchTrack? _pitch;
    private GlottalPulses? _pulses;

    public UtteranceAnalysis(ReadOnlySpan<float> samples, AnalysisKernels kernels)
    {
        _kernels = kernels;
        Samples = Condition(samples);
        Peak = Samples.Length == 0 ? 0 : Math.Abs(TensorPrimitives.MaxMagnitude(Samples.AsSpan()));
        FrameCount = Math.Max(1, (Samples.Length + Options.HopSamples - 1) / Options.HopSamples);

        var fft = kernels.SpectralFft;
        SpectralBins = fft.Bins;
        SpectralPower = new float[FrameCount * SpectralBins];
        var frame = new float[Options.SpectralFrameSamples];
        var re = new float[fft.Bins];
        var im = new float[fft.Bins];
        for (var i = 0; i < FrameCount; i++)
        {
            CopyFrame(i, frame);
            TensorPrimitives.Multiply(frame, kernels.SpectralWindow, frame);
            fft.Power(frame, SpectralPower.AsSpan(i * SpectralBins, SpectralBins), re, im);
        }
    }

    public AcousticAnalysisOptions Options => _kernels.Options;
    public AnalysisKernels Kernels => _kernels;

    /// <summary>Input with non-finite samples set to 0 and values clipped to [-1, 1].</summary>
    public float[] Samples { get; }

    public float Peak { get; }
    public int FrameCount { get; }
    public double DurationSeconds => Samples.Length / (double)Options.SampleRate;

    public int SpectralBins { get; }
    public double SpectralBinHz => Options.SampleRate / (double)Options.SpectralFftSize;

    /// <summary>Row-major [FrameCount x SpectralBins] |X|^2 of the Hamming-windowed spectral frames.</summary>
    public float[] SpectralPower { get; }

    public ReadOnlySpan<float> PowerOf(int frame) => SpectralPower.AsSpan(frame * SpectralBins, SpectralBins);

    /// <summary>Row-major [FrameCount x MelBands] power in each mel band.</summary>
    public float[] MelPower => _melPower ??= ComputeMelPower();

    public PeriodicityFrames Periodicity => _periodicity ??= new PeriodicityFrames(this);

    public PitchTrack Pitch => _pitch ??= PitchTracker.Track(Periodicity, Options);

    public GlottalPulses Pulses => _pulses ??= PulseDetector.Detect(this);

    public int FrameCenter(int frame) => frame * Options.HopSamples + Options.HopSamples / 2;

    /// <summary>The <paramref name="destination"/>.Length samples centred on frame <paramref name="frame"/>, zeros outside the signal.</summary>
    public void CopyFrame(int frame, Span<float> destination)
    {
        var start = FrameCenter(frame) - destination.Length / 2;
        destination.Clear();
        var from = Math.Max(0, start);
        var to = Math.Min(Samples.Length, start + destination.Length);
        if (to > from) Samples.AsSpan(from, to - from).CopyTo(destination[(from - start)..]);
    }

    private float[] ComputeMelPower()
    {
        var bands = _kernels.MelFilters.Bands;
        var mel = new float[FrameCount * bands];
        for (var i = 0; i < FrameCount; i++) _kernels.MelFilters.Apply(PowerOf(i), mel.AsSpan(i * bands, bands));
        return mel;
    }

    /// <summary>Decoders may hand over overshoots or NaN from a broken stream; neither may reach the numbers.</summary>
    private static float[] Condition(ReadOnlySpan<float> samples)
    {
        var x = samples.ToArray();
        for (var i = 0; i < x.Length; i++)
            x[i] = float.IsFinite(x[i]) ? Math.Clamp(x[i], -1f, 1f) : 0f;
        return x;
    }
}
