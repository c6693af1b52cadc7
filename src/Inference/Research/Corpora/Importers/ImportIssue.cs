namespace EmoStream.Inference.Corpora.Importers;

/// <summary>A source row or file an importer skipped or read with a repair; <paramref name="Line"/> is null for a whole file.</summary>
public sealed record ImportIssue(string File, int? Line, string Problem)
{
    public override string ToString() => Line is null ? $"{File}: {Problem}" : $"{File}:{Line}: {Problem}";
}
