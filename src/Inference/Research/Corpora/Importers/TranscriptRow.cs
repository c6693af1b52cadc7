namespace EmoStream.Inference.Corpora.Importers;

/// <summary>
/// One utterance of a dialogue transcript (MELD, EmoryNLP, IEMOCAP) before ordering: <paramref name="Order"/>
/// sorts it within its dialogue; <paramref name="File"/> and <paramref name="Line"/> say where it came from.
/// </summary>
public sealed record TranscriptRow(
    string File,
    int Line,
    string Dialogue,
    double Order,
    string Speaker,
    string Group,
    string? Label,
    string RawLabel,
    string? Text,
    string? Audio = null,
    string? AudioSource = null,
    double? Start = null,
    double? End = null);
