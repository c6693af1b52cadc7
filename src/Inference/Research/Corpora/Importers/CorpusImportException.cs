namespace EmoStream.Inference.Corpora.Importers;

/// <summary>A source that cannot be imported at all (missing folder, file or column); names the path and what was expected.</summary>
public sealed class CorpusImportException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string Path { get; } = path;
    public string Problem { get; } = problem;
}
