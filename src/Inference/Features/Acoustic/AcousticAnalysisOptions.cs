using System.Globalization;

namespace EmoStream.Inference.Features.Acoustic;

/// <summary>
/// Every setting of the frame analysis that changes the numbers. The defaults are the ones the named sets
/// (<c>acoustic/compact@1</c>, <c>acoustic/large@1</c>) were defined with; <see cref="ToSettingsString"/>
/// is recorded with features and models so that a change is detected.
/// </summary>
public sealed record AcousticAnalysisOptions
{
    /// <summary>The only rate the featurizers accept: the product resamples everything to 16 kHz mono.</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>Hop between frames; every descriptor contour has one value per hop.</summary>
    public double HopSeconds { get; init; } = 0.010;

    /// <summary>Hamming window of the spectral frame (energy, spectral shape, mel bands, MFCC).</summary>
    public double SpectralFrameSeconds { get; init; } = 0.025;

    public int SpectralFftSize { get; init; } = 512;

    /// <summary>Hann window of the periodicity frame (F0, voicing, HNR, harmonics); three periods of 75 Hz.</summary>
    public double PitchFrameSeconds { get; init; } = 0.040;

    public int PitchFftSize { get; init; } = 1024;

    public double MinF0Hz { get; init; } = 75;

    public double MaxF0Hz { get; init; } = 600;

    /// <summary>Praat's pitch path costs (autocorrelation method, same defaults).</summary>
    public double VoicingThreshold { get; init; } = 0.45;

    public double SilenceThreshold { get; init; } = 0.03;

    public double OctaveCost { get; init; } = 0.01;

    public double OctaveJumpCost { get; init; } = 0.35;

    public double VoicedUnvoicedCost { get; init; } = 0.14;

    /// <summary>Window over which jitter and shimmer are measured around each frame (needs three periods or more).</summary>
    public double PerturbationFrameSeconds { get; init; } = 0.060;

    /// <summary>Praat's maximum period factor: consecutive periods differing more are not compared.</summary>
    public double MaxPeriodFactor { get; init; } = 1.3;

    /// <summary>Linear prediction order for formants: 2 + kHz of the sample rate covers the formants up to Nyquist.</summary>
    public int LpcOrder { get; init; } = 18;

    /// <summary>Formants are searched between these frequencies.</summary>
    public double FormantFloorHz { get; init; } = 90;

    public double FormantCeilingHz { get; init; } = 5500;

    public int MelBands { get; init; } = 26;

    public double MelLowHz { get; init; } = 20;

    public double MelHighHz { get; init; } = 8000;

    public int MfccCount { get; init; } = 13;

    public int CepstralLifter { get; init; } = 22;

    /// <summary>Half-width of the delta regression window, in frames (HTK formula).</summary>
    public int DeltaWindow { get; init; } = 2;

    public int HopSamples => (int)Math.Round(HopSeconds * SampleRate);
    public int SpectralFrameSamples => (int)Math.Round(SpectralFrameSeconds * SampleRate);
    public int PitchFrameSamples => (int)Math.Round(PitchFrameSeconds * SampleRate);
    public double FramesPerSecond => SampleRate / (double)HopSamples;

    /// <summary>Checks that the settings are usable; names the first bad one.</summary>
    public void Validate()
    {
        static void Require(bool ok, string what)
        {
            if (!ok) throw new ArgumentException($"invalid acoustic analysis settings: {what}");
        }
        Require(SampleRate >= 8000, $"sample rate must be at least 8000 Hz, got {SampleRate}");
        Require(HopSamples >= 1, $"hop must be at least one sample, got {HopSeconds} s");
        Require(SpectralFrameSamples >= 16 && SpectralFrameSamples <= SpectralFftSize,
            $"spectral frame ({SpectralFrameSamples} samples) must fit the spectral FFT ({SpectralFftSize})");
        Require(MinF0Hz > 0 && MaxF0Hz > MinF0Hz && MaxF0Hz < SampleRate / 4.0, $"F0 range {MinF0Hz}-{MaxF0Hz} Hz is not usable");
        Require(PitchFrameSamples + SampleRate / MinF0Hz <= PitchFftSize,
            $"pitch frame ({PitchFrameSamples} samples) plus the longest lag ({SampleRate / MinF0Hz:F0}) must fit the pitch FFT ({PitchFftSize})");
        Require(MelBands >= 2 && MelLowHz >= 0 && MelHighHz > MelLowHz && MelHighHz <= SampleRate / 2.0, "mel bands");
        Require(MfccCount >= 1 && MfccCount < MelBands, $"MFCC count {MfccCount} must be below the mel band count {MelBands}");
        Require(DeltaWindow >= 1, "delta window must be at least 1");
        Require(LpcOrder >= 4 && LpcOrder < SpectralFrameSamples, $"LPC order {LpcOrder} must be at least 4 and below the frame length");
        Require(FormantFloorHz >= 0 && FormantCeilingHz > FormantFloorHz && FormantCeilingHz <= SampleRate / 2.0, $"formant range {FormantFloorHz}-{FormantCeilingHz} Hz");
    }

    /// <summary>Canonical, culture-invariant description of every setting (stable key order).</summary>
    public string ToSettingsString()
    {
        string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        return string.Join(';',
            $"sr={SampleRate}",
            $"hop={F(HopSeconds)}s",
            $"spec=hamming:{F(SpectralFrameSeconds)}s:fft{SpectralFftSize}",
            $"pitch=hann-ac:{F(PitchFrameSeconds)}s:fft{PitchFftSize}:{F(MinF0Hz)}-{F(MaxF0Hz)}Hz",
            $"path=v{F(VoicingThreshold)},s{F(SilenceThreshold)},oc{F(OctaveCost)},oj{F(OctaveJumpCost)},vu{F(VoicedUnvoicedCost)}",
            $"perturb={F(PerturbationFrameSeconds)}s:pf{F(MaxPeriodFactor)}",
            $"lpc={LpcOrder}:{F(FormantFloorHz)}-{F(FormantCeilingHz)}Hz",
            $"mel={MelBands}:{F(MelLowHz)}-{F(MelHighHz)}Hz",
            $"mfcc={MfccCount}:lifter{CepstralLifter}",
            $"delta={DeltaWindow}");
    }
}
