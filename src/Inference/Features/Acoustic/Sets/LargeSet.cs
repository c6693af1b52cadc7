using EmoStream.Inference.Features.Acoustic.Descriptors;
using EmoStream.Inference.Features.Acoustic.Functionals;

namespace EmoStream.Inference.Features.Acoustic.Sets;

/// <summary>
/// <c>acoustic/large@1</c>, in the spirit of ComParE (Schuller et al. 2013): every descriptor and its delta,
/// each summarized by 35 functionals (moments, extremes, percentiles, regression, level times, peaks, slopes),
/// plus the rhythm features: several thousand values for a model that selects what matters.
/// </summary>
internal static class LargeSet
{
    public static AcousticFeatureSetDefinition For(AcousticAnalysisOptions options)
    {
        var descriptors = DescriptorCatalog.Create(options).SelectMany(e => e.Descriptors).Select(d => d.Name).ToArray();
        IFunctionalGroup[] all =
        [
            new Moments(), new Extremes(),
            new Percentiles([1, 25, 50, 75, 99], [(25, 50), (50, 75), (25, 75), (1, 99)]),
            new LinearRegression(), new LevelTimes(), new Peaks(), new RiseFallSlopes(),
        ];
        return new AcousticFeatureSetDefinition("large", 1, "ComParE-like brute-force functionals over all descriptors and deltas",
        [
            new(descriptors, false, FrameSelection.All, all),
            new(descriptors, true, FrameSelection.All, all),
        ], Rhythm: true);
    }
}
