using EmoStream.Inference.Corpora;

namespace EmoStream.Inference.Features;

/// <summary>The <c>features/</c> folder beside a corpus manifest: one file per featurizer set.</summary>
public sealed class FeatureStore(string corpusDirectory)
{
    public const string FolderName = "features";

    public string Directory { get; } = Path.Combine(corpusDirectory, FolderName);

    /// <summary><c>acoustic/compact@1</c> is stored as <c>features/acoustic-compact.emsf</c>; the version lives in the header.</summary>
    public string PathFor(FeaturizerInfo info) => Path.Combine(Directory, FileStem(info.Id) + FeatureFile.Extension);

    public static string FileStem(string featurizerId)
    {
        var at = featurizerId.IndexOf('@');
        var name = at < 0 ? featurizerId : featurizerId[..at];
        return name.Replace('/', '-');
    }

    /// <summary>Headers of every stored feature file of one modality, with their paths.</summary>
    public IReadOnlyList<(string Path, FeaturizerInfo Info)> List(Modality modality)
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        return System.IO.Directory.EnumerateFiles(Directory, "*" + FeatureFile.Extension)
            .Order(StringComparer.Ordinal)
            .Select(p => (p, FeatureFile.ReadInfo(p)))
            .Where(x => x.Item2.Modality == modality)
            .ToArray();
    }

    public void Save(FeatureSet set) => FeatureFile.Write(PathFor(set.Info), set);

    /// <summary>
    /// The one stored set of a modality, or the one whose name is <paramref name="name"/> (e.g. <c>compact</c>).
    /// Returns null when none is stored; throws when the choice is ambiguous or the name is unknown.
    /// </summary>
    public FeatureSet? Find(Modality modality, string? name = null)
    {
        var all = List(modality);
        if (name is not null)
        {
            var match = all.Where(x => FileStem(x.Info.Id).EndsWith("-" + name, StringComparison.Ordinal) || x.Info.Id == name).ToArray();
            if (match.Length == 0)
                throw new CorpusFormatException(Directory, null, null,
                    $"no {modality.ToString().ToLowerInvariant()} feature set named '{name}' (stored: {Describe(all)})");
            return FeatureFile.Read(match[0].Path);
        }
        return all.Count switch
        {
            0 => null,
            1 => FeatureFile.Read(all[0].Path),
            _ => throw new CorpusFormatException(Directory, null, null,
                $"several {modality.ToString().ToLowerInvariant()} feature sets are stored ({Describe(all)}); name one"),
        };
    }

    private static string Describe(IReadOnlyList<(string Path, FeaturizerInfo Info)> all) =>
        all.Count == 0 ? "none" : string.Join(", ", all.Select(x => x.Info.Id));
}
