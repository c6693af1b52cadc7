namespace EmoStream.Inference.Corpora.Importers;

/// <summary>What an import wrote: counts per class, the source labels behind them, and every skipped or odd source row.</summary>
public sealed record ImportSummary(
    string Importer,
    string Output,
    int Utterances,
    int Dialogues,
    int Groups,
    int Speakers,
    IReadOnlyDictionary<string, int> LabeledPerClass,
    int Unlabeled,
    int WithText,
    int WithAudio,
    IReadOnlyList<SourceLabelCount> SourceLabels,
    IReadOnlyList<ImportIssue> Issues);
