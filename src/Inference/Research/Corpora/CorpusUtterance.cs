namespace EmoStream.Inference.Corpora;

/// <summary>One line of a corpus manifest (see docs/corpus-format.md).</summary>
public sealed record CorpusUtterance(
    string Id,
    string Dialogue,
    int Turn,
    string Speaker,
    string Group,
    string? Label,
    string? Text,
    string? Audio,
    double? Start,
    double? End);
