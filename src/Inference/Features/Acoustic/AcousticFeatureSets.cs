using EmoStream.Inference.Features.Acoustic.Sets;

namespace EmoStream.Inference.Features.Acoustic;

/// <summary>
/// The registry of named acoustic feature sets: <c>compact</c> (<c>acoustic/compact@1</c>, about 90 values)
/// and <c>large</c> (<c>acoustic/large@1</c>, several thousand). What <c>--set compact|large</c> resolves through.
/// </summary>
public static class AcousticFeatureSets
{
    private static readonly (string Name, Func<AcousticAnalysisOptions, AcousticFeatureSetDefinition> Define)[] Sets =
    [
        ("compact", _ => CompactSet.Definition),
        ("large", LargeSet.For),
    ];

    public const string Default = "compact";

    public static IReadOnlyList<string> Names { get; } = Sets.Select(s => s.Name).ToArray();

    /// <summary>
    /// The set named <paramref name="name"/>: a short name (<c>compact</c>), or an id with or without its version
    /// (<c>acoustic/large</c>, <c>acoustic/large@1</c>).
    /// </summary>
    public static AcousticFeaturizer Create(string name, AcousticAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim();
        int? version = null;
        var at = key.IndexOf('@');
        if (at >= 0)
        {
            if (!int.TryParse(key[(at + 1)..], out var v))
                throw new AcousticFeatureSetException($"acoustic feature set '{name}': expected a version number after '@', got '{key[(at + 1)..]}'");
            version = v;
            key = key[..at];
        }
        if (key.StartsWith("acoustic/", StringComparison.OrdinalIgnoreCase)) key = key["acoustic/".Length..];
        var set = Sets.FirstOrDefault(s => s.Name.Equals(key, StringComparison.OrdinalIgnoreCase));
        if (set.Define is null)
            throw new AcousticFeatureSetException($"unknown acoustic feature set '{name}'; expected one of: {string.Join(", ", Names)}");
        options ??= new AcousticAnalysisOptions();
        var featurizer = new AcousticFeaturizer(set.Define(options), options);
        if (version is int asked && !featurizer.Info.Id.EndsWith("@" + asked, StringComparison.Ordinal))
            throw new AcousticFeatureSetException($"acoustic feature set '{name}': this build computes {featurizer.Info.Id}, not version {asked}");
        return featurizer;
    }

    /// <summary>
    /// The featurizer that made features or a model recorded as <paramref name="info"/>; refuses one this build
    /// would compute differently (other version, settings or dimension), so that mismatched inputs never reach a model.
    /// </summary>
    public static AcousticFeaturizer Create(FeaturizerInfo info)
    {
        if (info.Modality != Modality.Acoustic)
            throw new AcousticFeatureSetException($"'{info.Id}' is a {info.Modality.ToString().ToLowerInvariant()} featurizer, not an acoustic one");
        var featurizer = Create(info.Id);
        if (!featurizer.Info.SameAs(info))
            throw new AcousticFeatureSetException($"recorded featurizer {info} differs from what this build computes: {featurizer.Info}");
        return featurizer;
    }
}
