namespace EmoStream.Inference.Corpora.Importers;

/// <summary>
/// RAVDESS speech as laid out in shared/data/ravdess: <c>labels.csv</c> (file, actor, gender, emotion, intensity,
/// statement, repetition) and <c>Actor_NN/*.wav</c>. Each clip is a one-turn dialogue; speaker and group are the actor;
/// the text is the statement the actor says (the same two sentences in every emotion).
/// </summary>
public sealed class RavdessImporter : ICorpusImporter
{
    private static readonly Dictionary<string, string> Statements = new(StringComparer.Ordinal)
    {
        ["01"] = "Kids are talking by the door",
        ["02"] = "Dogs are sitting by the door",
    };

    public string Name => "ravdess";
    public string Description => "RAVDESS speech: labels.csv + Actor_NN/*.wav; group = actor";

    public IReadOnlyList<ImportedUtterance> Read(ImportOptions options, ImportLog log, CancellationToken cancellationToken)
    {
        var table = CsvTable.Read(Path.Combine(options.Source, "labels.csv"), ["file", "actor", "emotion", "statement"], log);
        var result = new List<ImportedUtterance>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!int.TryParse(table.Get(row, "actor"), out var actor) || actor <= 0)
            {
                table.Skip(log, row, $"actor '{table.Get(row, "actor")}' is not a positive number");
                continue;
            }
            var file = table.Get(row, "file");
            var id = "ravdess-" + Path.GetFileNameWithoutExtension(file);
            if (!seen.TryAdd(id, row.Line))
            {
                table.Skip(log, row, $"clip '{file}' already listed on line {seen[id]}");
                continue;
            }
            if (SourceAudio.Resolve(options.Source, file, log, table.Path, row.Line) is not { } audio) continue;
            var emotion = table.Get(row, "emotion");
            var label = EmotionLabelMap.Ravdess.Map(emotion, log, table.Path, row.Line);
            var statement = table.Get(row, "statement");
            var speaker = $"ravdess-actor{actor:D2}";
            result.Add(new ImportedUtterance(
                new CorpusUtterance(id, id, 0, speaker, speaker, label, Statements.GetValueOrDefault(statement), audio.Manifest, null, null),
                emotion, audio.Absolute));
        }
        return result;
    }
}
