namespace EmoStream.Inference.Corpora.Importers;

/// <summary>
/// An utterance an importer read, before it is written: <paramref name="RawLabel"/> is the source's own emotion
/// name (for the summary), <paramref name="AudioSource"/> the absolute source file that the manifest's
/// <see cref="CorpusUtterance.Audio"/> path will hold.
/// </summary>
public sealed record ImportedUtterance(CorpusUtterance Utterance, string? RawLabel, string? AudioSource);
