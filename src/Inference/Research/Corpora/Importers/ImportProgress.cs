namespace EmoStream.Inference.Corpora.Importers;

/// <summary>Where an import stands: <paramref name="Stage"/> (reading, placing audio, writing) and items done of total.</summary>
public readonly record struct ImportProgress(string Stage, int Done, int Total);
