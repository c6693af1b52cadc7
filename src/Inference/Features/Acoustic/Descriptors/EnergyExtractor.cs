using System.Numerics.Tensors;
using EmoStream.Inference.Features.Acoustic.Analysis;

namespace EmoStream.Inference.Features.Acoustic.Descriptors;

/// <summary>Loudness, frame energy and zero-crossing rate of the spectral frames.</summary>
internal sealed class EnergyExtractor : IDescriptorExtractor
{
    public IReadOnlyList<DescriptorInfo> Descriptors { get; } =
    [
        new("loudness", "sone-like: sum over mel bands of (band power)^0.3, power in FFT units", "perceived loudness; scales with gain^0.6"),
        new("energyDb", "dBFS (mean square; full-scale sine = -3 dB, silence = -100 dB)", "frame energy of the 25 ms frame"),
        new("zcr", "crossings per sample pair, 0..1", "zero-crossing rate"),
    ];

    public void Extract(UtteranceAnalysis analysis, DescriptorMatrix output, int firstRow)
    {
        var loudness = output.Row(firstRow);
        var energy = output.Row(firstRow + 1);
        var zcr = output.Row(firstRow + 2);
        var bands = analysis.Kernels.MelFilters.Bands;
        var mel = analysis.MelPower;
        var frame = new float[analysis.Options.SpectralFrameSamples];
        for (var i = 0; i < analysis.FrameCount; i++)
        {
            loudness[i] = Levels.Loudness(mel.AsSpan(i * bands, bands));
            analysis.CopyFrame(i, frame);
            energy[i] = Levels.Db(TensorPrimitives.SumOfSquares(frame) / frame.Length);
            var crossings = 0;
            for (var n = 1; n < frame.Length; n++)
                if ((frame[n - 1] >= 0) != (frame[n] >= 0)) crossings++;
            zcr[i] = crossings / (float)(frame.Length - 1);
        }
    }
}
