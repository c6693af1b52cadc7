using EmoStream.Inference.Features.Acoustic.Functionals;

namespace EmoStream.Inference.Features.Acoustic.Sets;

/// <summary>
/// <c>acoustic/compact@1</c>, in the spirit of eGeMAPS (Eyben et al. 2016): prosody, voice quality and spectral
/// balance summarized by a few robust statistics, about 90 values. Differences: no H1-A3 (it is the negated F3
/// amplitude here); the voicing probability is added; dB-valued descriptors use the standard deviation rather
/// than a coefficient of variation, whose mean can be near 0.
/// </summary>
internal static class CompactSet
{
    public static AcousticFeatureSetDefinition Definition { get; } = Create();

    private static AcousticFeatureSetDefinition Create()
    {
        IFunctionalGroup[] contour = [new MeanVariation(), new Percentiles([20, 50, 80], [(20, 80)]), new RiseFallSlopes()];
        IFunctionalGroup[] meanDeviation = [new MeanDeviation()];
        IFunctionalGroup[] meanVariation = [new MeanVariation()];
        string[] balance = ["alphaRatio", "hammarbergIndex", "slope0_500", "slope500_1500"];
        string[] cepstral = ["mfcc1", "mfcc2", "mfcc3", "mfcc4", "spectralFlux"];
        return new AcousticFeatureSetDefinition("compact", 1, "eGeMAPS-like prosody, voice quality and spectral balance",
        [
            new(["f0Semitone", "loudness"], false, FrameSelection.All, contour),
            new(["jitterLocal", "shimmerLocal"], false, FrameSelection.Voiced, meanVariation),
            new(["hnr", "h1h2"], false, FrameSelection.Voiced, meanDeviation),
            new(balance, false, FrameSelection.Voiced, meanDeviation),
            new(balance, false, FrameSelection.Unvoiced, meanDeviation),
            new(cepstral, false, FrameSelection.All, meanDeviation),
            new(cepstral, false, FrameSelection.Voiced, meanDeviation),
            new(["spectralFlux"], false, FrameSelection.Unvoiced, meanDeviation),
            new(["f1Frequency", "f2Frequency", "f3Frequency", "f1Bandwidth", "f2Bandwidth", "f3Bandwidth"], false, FrameSelection.Voiced, meanVariation),
            new(["f1Amplitude", "f2Amplitude", "f3Amplitude"], false, FrameSelection.Voiced, meanDeviation),
            new(["voicingProbability"], false, FrameSelection.All, meanDeviation),
        ], Rhythm: true);
    }
}
