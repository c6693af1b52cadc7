namespace EmoStream.Inference.Features.Acoustic.Descriptors;

/// <summary>Every descriptor extractor of the toolkit, in the order their descriptors appear in the large set.</summary>
internal static class DescriptorCatalog
{
    public static IReadOnlyList<IDescriptorExtractor> Create(AcousticAnalysisOptions options) =>
    [
        new EnergyExtractor(),
        new MelBandExtractor(options),
        new MfccExtractor(options),
        new SpectralShapeExtractor(),
        new SpectralBalanceExtractor(),
        new VoicingExtractor(),
        new FormantExtractor(),
        new PerturbationExtractor(),
    ];
}
