namespace EmoStream.Inference.Corpora.Importers;

/// <summary>What to import and where to put it.</summary>
public sealed class ImportOptions
{
    /// <summary>The source folder (a corpus as distributed, or a folder of audio files for the generic importer).</summary>
    public required string Source { get; init; }

    /// <summary>The corpus folder to write: <c>manifest.jsonl</c> and <c>audio/</c>.</summary>
    public required string Output { get; init; }

    public AudioPlacement Audio { get; init; } = AudioPlacement.Link;

    /// <summary>The generic importer's csv; null means <c>labels.csv</c> in <see cref="Source"/>.</summary>
    public string? Csv { get; init; }
}
