using EmoStream.Inference.Features.Acoustic.Analysis;

namespace EmoStream.Inference.Features.Acoustic.Descriptors;

/// <summary>MFCC 1..N: liftered orthonormal DCT of the natural-log mel band powers (c0, the energy, left out).</summary>
internal sealed class MfccExtractor(AcousticAnalysisOptions options) : IDescriptorExtractor
{
    public IReadOnlyList<DescriptorInfo> Descriptors { get; } = Enumerable.Range(1, options.MfccCount)
        .Select(c => new DescriptorInfo($"mfcc{c}", "liftered cepstral coefficient (natural log)", $"mel-frequency cepstral coefficient {c}"))
        .ToArray();

    public void Extract(UtteranceAnalysis analysis, DescriptorMatrix output, int firstRow)
    {
        var bands = analysis.Kernels.MelFilters.Bands;
        var count = Descriptors.Count;
        var dct = analysis.Kernels.Dct;
        var mel = analysis.MelPower;
        Span<float> logMel = stackalloc float[bands];
        for (var i = 0; i < analysis.FrameCount; i++)
        {
            for (var b = 0; b < bands; b++) logMel[b] = (float)Math.Log(mel[i * bands + b] + Levels.PowerFloor);
            for (var c = 0; c < count; c++)
                output.Row(firstRow + c)[i] = System.Numerics.Tensors.TensorPrimitives.Dot(dct.AsSpan(c * bands, bands), logMel);
        }
    }
}
