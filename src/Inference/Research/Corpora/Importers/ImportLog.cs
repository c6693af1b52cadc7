namespace EmoStream.Inference.Corpora.Importers;

/// <summary>Collects every skipped or repaired source row while an importer runs; the summary carries them.</summary>
public sealed class ImportLog
{
    private readonly List<ImportIssue> _issues = [];

    public IReadOnlyList<ImportIssue> Issues => _issues;

    public void Add(string file, int? line, string problem) => _issues.Add(new ImportIssue(file, line, problem));
}
