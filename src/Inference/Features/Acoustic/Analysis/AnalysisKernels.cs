namespace EmoStream.Inference.Features.Acoustic.Analysis;

/// <summary>
/// The immutable tables one featurizer shares between all its calls (and threads): windows, the mel filter
/// bank, the DCT matrix, the FFT plans, the pitch window's own autocorrelation.
/// </summary>
internal sealed class AnalysisKernels
{
    public AnalysisKernels(AcousticAnalysisOptions options)
    {
        options.Validate();
        Options = options;
        SpectralWindow = Windows.Hamming(options.SpectralFrameSamples);
        PitchWindow = Windows.Hann(options.PitchFrameSamples);
        MelFilters = new MelFilterBank(options.MelBands, options.MelLowHz, options.MelHighHz, options.SpectralFftSize, options.SampleRate);
        Dct = Windows.LifteredDct(options.MelBands, options.MfccCount, options.CepstralLifter);
        SpectralFft = new RealFft(options.SpectralFftSize);
        PitchFft = new RealFft(options.PitchFftSize);

        // Normalized autocorrelation of the Hann window itself: dividing by it undoes the window's taper (Boersma 1993).
        var fft = PitchFft;
        var power = new float[fft.Bins];
        var re = new float[fft.Bins];
        var im = new float[fft.Bins];
        fft.Power(PitchWindow, power, re, im);
        PitchWindowAutocorrelation = new float[fft.Bins];
        fft.InverseEven(power, PitchWindowAutocorrelation, re, im);
        var r0 = PitchWindowAutocorrelation[0];
        for (var i = 0; i < PitchWindowAutocorrelation.Length; i++) PitchWindowAutocorrelation[i] /= r0;
    }

    public AcousticAnalysisOptions Options { get; }
    public float[] SpectralWindow { get; }
    public float[] PitchWindow { get; }
    public float[] PitchWindowAutocorrelation { get; }
    public MelFilterBank MelFilters { get; }
    public RealFft SpectralFft { get; }
    public RealFft PitchFft { get; }

    /// <summary>Row-major [MfccCount x MelBands]: coefficient c (1-based order c + 1) of the liftered DCT-II.</summary>
    public float[] Dct { get; }
}
