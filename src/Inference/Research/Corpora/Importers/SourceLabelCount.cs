namespace EmoStream.Inference.Corpora.Importers;

/// <summary>How many imported utterances carried one of the source's emotion names, and the class it became (null: unlabeled).</summary>
public sealed record SourceLabelCount(string SourceLabel, string? Class, int Count);
