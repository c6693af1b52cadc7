using EmoStream.Inference.Features.Acoustic;
using EmoStream.Inference.Features.Acoustic.Analysis;
using EmoStream.Inference.Features.Acoustic.Descriptors;

namespace EmoStream.Inference.Tests.Features.Acoustic;

/// <summary>Runs every descriptor extractor over a signal and hands back the contours by name.</summary>
internal sealed class DescriptorProbe
{
    private static readonly AnalysisKernels Kernels = new(new AcousticAnalysisOptions());
    private readonly Dictionary<string, float[]> _rows = new(StringComparer.Ordinal);

    public DescriptorProbe(float[] samples)
    {
        Analysis = new UtteranceAnalysis(samples, Kernels);
        var extractors = DescriptorCatalog.Create(Kernels.Options);
        var count = extractors.Sum(e => e.Descriptors.Count);
        var matrix = new DescriptorMatrix(count, Analysis.FrameCount);
        var row = 0;
        foreach (var extractor in extractors)
        {
            extractor.Extract(Analysis, matrix, row);
            foreach (var d in extractor.Descriptors) _rows[d.Name] = matrix.Row(row++).ToArray();
        }
    }

    public UtteranceAnalysis Analysis { get; }

    public float[] this[string name] => _rows[name];

    /// <summary>Values of a descriptor in its valued frames, skipping <paramref name="edge"/> frames at each end.</summary>
    public float[] Valued(string name, int edge = 5) =>
        _rows[name].Skip(edge).Take(Math.Max(0, _rows[name].Length - 2 * edge)).Where(v => !float.IsNaN(v)).ToArray();

    public static double Median(IEnumerable<float> values)
    {
        var sorted = values.Order().ToArray();
        Assert.NotEmpty(sorted);
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2.0;
    }
}
