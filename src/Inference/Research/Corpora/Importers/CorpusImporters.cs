namespace EmoStream.Inference.Corpora.Importers;

/// <summary>Every importer, by the name the <c>import</c> verb takes.</summary>
public static class CorpusImporters
{
    public static IReadOnlyList<ICorpusImporter> All { get; } =
    [
        new RavdessImporter(), new EmoDbImporter(), new MeldImporter(), new EmoryNlpImporter(), new IemocapImporter(), new FolderImporter(),
    ];

    public static ICorpusImporter Get(string name) =>
        All.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown corpus kind '{name}' (expected one of {string.Join(", ", All.Select(i => i.Name))})", nameof(name));
}
