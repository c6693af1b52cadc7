namespace EmoStream.Inference.Corpora.Importers;

/// <summary>
/// The Berlin Database of Emotional Speech as laid out in shared/data/emodb: <c>labels.csv</c> (file, speaker, gender,
/// text_id, emotion, version) and <c>wav/*.wav</c>. Each clip is a one-turn dialogue; speaker and group are the speaker.
/// The sentences are German, which the English lexical featurizer cannot read, so the text is left missing.
/// </summary>
public sealed class EmoDbImporter : ICorpusImporter
{
    public string Name => "emodb";
    public string Description => "EmoDB (Berlin) speech: labels.csv + wav/*.wav; group = speaker";

    public IReadOnlyList<ImportedUtterance> Read(ImportOptions options, ImportLog log, CancellationToken cancellationToken)
    {
        var table = CsvTable.Read(Path.Combine(options.Source, "labels.csv"), ["file", "speaker", "emotion"], log);
        var result = new List<ImportedUtterance>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var speakerField = table.Get(row, "speaker");
            if (speakerField.Length == 0 || !speakerField.All(char.IsAsciiDigit))
            {
                table.Skip(log, row, $"speaker '{speakerField}' is not a speaker number");
                continue;
            }
            var file = table.Get(row, "file");
            var id = "emodb-" + Path.GetFileNameWithoutExtension(file);
            if (!seen.TryAdd(id, row.Line))
            {
                table.Skip(log, row, $"clip '{file}' already listed on line {seen[id]}");
                continue;
            }
            if (SourceAudio.Resolve(options.Source, file, log, table.Path, row.Line) is not { } audio) continue;
            var emotion = table.Get(row, "emotion");
            var speaker = "emodb-" + speakerField;
            result.Add(new ImportedUtterance(
                new CorpusUtterance(id, id, 0, speaker, speaker, EmotionLabelMap.EmoDb.Map(emotion, log, table.Path, row.Line), null, audio.Manifest, null, null),
                emotion, audio.Absolute));
        }
        return result;
    }
}
