using EmoStream.Inference.Features.Acoustic.Analysis;
using EmoStream.Inference.Features.Acoustic.Descriptors;
using EmoStream.Inference.Features.Acoustic.Functionals;
using EmoStream.Inference.Features.Acoustic.Sets;

namespace EmoStream.Inference.Features.Acoustic;

/// <summary>
/// One named acoustic feature set: frame analysis shared by all descriptors, the descriptors the set uses,
/// then functionals over the utterance. Thread-safe; every call allocates its own working buffers.
/// Get one from <see cref="AcousticFeatureSets"/>.
/// </summary>
public sealed class AcousticFeaturizer : IAcousticFeaturizer
{
    private readonly AnalysisKernels _kernels;
    private readonly AcousticFeatureSetDefinition _definition;
    private readonly IReadOnlyList<(IDescriptorExtractor Extractor, int FirstRow)> _extractors;
    private readonly Dictionary<string, int> _rows;
    private readonly int[] _deltaRows;
    private readonly int _computedCount; // every descriptor of the extractors used, summarized or not

    internal AcousticFeaturizer(AcousticFeatureSetDefinition definition, AcousticAnalysisOptions options)
    {
        _kernels = new AnalysisKernels(options);
        _definition = definition;
        var wanted = definition.Rules.SelectMany(r => r.Descriptors).ToHashSet(StringComparer.Ordinal);
        var extractors = new List<(IDescriptorExtractor, int)>();
        var descriptors = new List<DescriptorInfo>();
        foreach (var extractor in DescriptorCatalog.Create(options))
        {
            if (!extractor.Descriptors.Any(d => wanted.Contains(d.Name))) continue;
            extractors.Add((extractor, descriptors.Count));
            descriptors.AddRange(extractor.Descriptors);
        }
        _extractors = extractors;
        _computedCount = descriptors.Count;
        Descriptors = descriptors.Where(d => wanted.Contains(d.Name)).ToArray();
        _rows = descriptors.Select((d, i) => (d.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var unknown = wanted.Where(n => !_rows.ContainsKey(n)).ToArray();
        if (unknown.Length > 0)
            throw new InvalidOperationException($"feature set '{definition.Id}' names unknown descriptors: {string.Join(", ", unknown)}");
        _deltaRows = definition.Rules.Where(r => r.Delta).SelectMany(r => r.Descriptors).Select(n => _rows[n]).Distinct().Order().ToArray();

        var names = new List<string>();
        foreach (var rule in definition.Rules)
            foreach (var descriptor in rule.Descriptors)
                foreach (var group in rule.Functionals)
                    foreach (var functional in group.Names)
                        names.Add(FeatureName(descriptor, rule, functional));
        if (definition.Rhythm) names.AddRange(RhythmFeatures.Names);
        FeatureNames = names;
        Info = new FeaturizerInfo(definition.Id, Modality.Acoustic, names.Count, options.ToSettingsString());
    }

    public FeaturizerInfo Info { get; }

    /// <summary>The set's short name (<c>compact</c>, <c>large</c>).</summary>
    public string SetName => _definition.Name;

    public string Description => _definition.Description;

    /// <summary>One name per output value, in output order: <c>descriptor[.delta][.voiced|.unvoiced].functional</c>, or a rhythm feature's name.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The low-level descriptors the set summarizes, with their units.</summary>
    public IReadOnlyList<DescriptorInfo> Descriptors { get; }

    public float[] Extract(ReadOnlySpan<float> samples)
    {
        var analysis = new UtteranceAnalysis(samples, _kernels);
        var frames = analysis.FrameCount;
        var matrix = new DescriptorMatrix(_computedCount, frames);
        foreach (var (extractor, firstRow) in _extractors) extractor.Extract(analysis, matrix, firstRow);
        var deltas = _deltaRows.Length > 0 ? new DescriptorMatrix(_computedCount, frames) : null;
        foreach (var row in _deltaRows) DeltaCalculator.Compute(matrix.Row(row), deltas!.Row(row), analysis.Options.DeltaWindow);

        var output = new float[Info.Dimension];
        var offset = 0;
        var values = new float[frames];
        var indices = new int[frames];
        var voiced = analysis.Pitch.Voiced;
        foreach (var rule in _definition.Rules)
        {
            foreach (var name in rule.Descriptors)
            {
                var source = (rule.Delta ? deltas! : matrix).Row(_rows[name]);
                var count = 0;
                for (var i = 0; i < frames; i++)
                {
                    if (float.IsNaN(source[i])) continue;
                    if (rule.Frames == FrameSelection.Voiced && !voiced[i]) continue;
                    if (rule.Frames == FrameSelection.Unvoiced && voiced[i]) continue;
                    values[count] = source[i];
                    indices[count++] = i;
                }
                var contour = new Contour(values.AsSpan(0, count), indices.AsSpan(0, count), frames, analysis.Options.FramesPerSecond);
                foreach (var group in rule.Functionals)
                {
                    // A descriptor with no value in the selected frames (F0 of a whisper) summarizes to zeros.
                    if (count > 0) group.Compute(contour, output.AsSpan(offset, group.Names.Count));
                    offset += group.Names.Count;
                }
            }
        }
        if (_definition.Rhythm) RhythmFeatures.Compute(analysis, output.AsSpan(offset, RhythmFeatures.Names.Count));

        // The contract is finite numbers always; a degenerate statistic must not poison a model's input.
        for (var i = 0; i < output.Length; i++)
            if (!float.IsFinite(output[i])) output[i] = 0f;
        return output;
    }

    private static string FeatureName(string descriptor, FunctionalRule rule, string functional)
    {
        var delta = rule.Delta ? ".delta" : "";
        var frames = rule.Frames switch
        {
            FrameSelection.Voiced => ".voiced",
            FrameSelection.Unvoiced => ".unvoiced",
            _ => "",
        };
        return $"{descriptor}{delta}{frames}.{functional}";
    }
}
