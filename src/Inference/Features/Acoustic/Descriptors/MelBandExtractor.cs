using EmoStream.Inference.Features.Acoustic.Analysis;

namespace EmoStream.Inference.Features.Acoustic.Descriptors;

/// <summary>Log power in each mel band (20 Hz - 8 kHz by default).</summary>
internal sealed class MelBandExtractor(AcousticAnalysisOptions options) : IDescriptorExtractor
{
    public IReadOnlyList<DescriptorInfo> Descriptors { get; } = Enumerable.Range(1, options.MelBands)
        .Select(b => new DescriptorInfo($"logMel{b}", "dB (10 log10 of band power in FFT units; silence -100)", $"log power of mel band {b} of {options.MelBands}"))
        .ToArray();

    public void Extract(UtteranceAnalysis analysis, DescriptorMatrix output, int firstRow)
    {
        var bands = analysis.Kernels.MelFilters.Bands;
        var mel = analysis.MelPower;
        for (var b = 0; b < bands; b++)
        {
            var row = output.Row(firstRow + b);
            for (var i = 0; i < analysis.FrameCount; i++) row[i] = Levels.Db(mel[i * bands + b]);
        }
    }
}
