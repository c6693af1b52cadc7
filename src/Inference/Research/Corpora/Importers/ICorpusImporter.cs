namespace EmoStream.Inference.Corpora.Importers;

/// <summary>Reads one kind of source corpus into the foundation's corpus format.</summary>
public interface ICorpusImporter
{
    /// <summary>The name the <c>import</c> verb takes, e.g. <c>ravdess</c>.</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>
    /// Reads the source: every utterance in dialogue order; rows it cannot use go to <paramref name="log"/>
    /// with their file and line. Throws <see cref="CorpusImportException"/> when the source is not this corpus at all.
    /// </summary>
    IReadOnlyList<ImportedUtterance> Read(ImportOptions options, ImportLog log, CancellationToken cancellationToken);
}
