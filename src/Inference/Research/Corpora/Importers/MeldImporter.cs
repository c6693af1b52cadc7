namespace EmoStream.Inference.Corpora.Importers;

/// <summary>
/// MELD transcripts (<c>train_sent_emo.csv</c>, <c>dev_sent_emo.csv</c>, <c>test_sent_emo.csv</c>, whichever are
/// present): one dialogue per split and Dialogue_ID, ordered by Utterance_ID; group = the Friends season; text only
/// (MELD's video clips are not part of these files, and its StartTime/EndTime point into the episode, not into audio).
/// </summary>
public sealed class MeldImporter : ICorpusImporter
{
    public static readonly string[] Splits = ["train", "dev", "test"];
    private static readonly string[] Required = ["Utterance", "Speaker", "Emotion", "Dialogue_ID", "Utterance_ID", "Season"];

    public string Name => "meld";
    public string Description => "MELD transcripts: {train,dev,test}_sent_emo.csv; group = season";

    public IReadOnlyList<ImportedUtterance> Read(ImportOptions options, ImportLog log, CancellationToken cancellationToken)
    {
        var files = Splits.Select(s => (Split: s, Path: Path.Combine(options.Source, $"{s}_sent_emo.csv"))).Where(f => File.Exists(f.Path)).ToArray();
        if (files.Length == 0)
            throw new CorpusImportException(options.Source, "no MELD csv here (expected train_sent_emo.csv, dev_sent_emo.csv or test_sent_emo.csv)");
        var rows = new List<TranscriptRow>();
        foreach (var (split, path) in files)
        {
            var table = CsvTable.Read(path, Required, log);
            foreach (var row in table.Rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!table.TryGetInt(row, "Dialogue_ID", log, out var dialogue) || !table.TryGetInt(row, "Utterance_ID", log, out var utterance)
                    || !table.TryGetInt(row, "Season", log, out var season))
                    continue;
                var speaker = table.Get(row, "Speaker");
                if (speaker.Length == 0)
                {
                    table.Skip(log, row, "no speaker");
                    continue;
                }
                var emotion = table.Get(row, "Emotion");
                rows.Add(new TranscriptRow(path, row.Line, $"meld-{split}-d{dialogue:D4}", utterance, "meld-" + speaker,
                    $"meld-s{season:D2}", EmotionLabelMap.Meld.Map(emotion, log, path, row.Line), emotion, table.Get(row, "Utterance")));
            }
        }
        return DialogueAssembler.Assemble(rows, log);
    }
}
