namespace EmoStream.Inference.Corpora.Importers;

/// <summary>
/// EmoryNLP transcripts (<c>emorynlp_{train,dev,test}_final.csv</c>): one dialogue per scene (season, episode,
/// Scene_ID), ordered by Utterance_ID; group = season; speakers are written as a Python list
/// (<c>['Monica Geller', 'Phoebe Buffay']</c>) and several speakers speaking together become one "A & B" speaker.
/// </summary>
public sealed class EmoryNlpImporter : ICorpusImporter
{
    private static readonly string[] Required = ["Utterance", "Speaker", "Emotion", "Scene_ID", "Utterance_ID", "Season", "Episode"];

    public string Name => "emorynlp";
    public string Description => "EmoryNLP transcripts: emorynlp_{train,dev,test}_final.csv; group = season";

    public IReadOnlyList<ImportedUtterance> Read(ImportOptions options, ImportLog log, CancellationToken cancellationToken)
    {
        var files = MeldImporter.Splits.Select(s => (Split: s, Path: Path.Combine(options.Source, $"emorynlp_{s}_final.csv")))
            .Where(f => File.Exists(f.Path)).ToArray();
        if (files.Length == 0)
            throw new CorpusImportException(options.Source, "no EmoryNLP csv here (expected emorynlp_train_final.csv, emorynlp_dev_final.csv or emorynlp_test_final.csv)");
        var rows = new List<TranscriptRow>();
        foreach (var (split, path) in files)
        {
            var table = CsvTable.Read(path, Required, log);
            foreach (var row in table.Rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!table.TryGetInt(row, "Season", log, out var season) || !table.TryGetInt(row, "Episode", log, out var episode)
                    || !table.TryGetInt(row, "Scene_ID", log, out var scene) || !table.TryGetInt(row, "Utterance_ID", log, out var utterance))
                    continue;
                var speakers = ParseSpeakers(table.Get(row, "Speaker"));
                if (speakers.Count == 0)
                {
                    table.Skip(log, row, $"no speaker in '{table.Get(row, "Speaker")}'");
                    continue;
                }
                var emotion = table.Get(row, "Emotion");
                rows.Add(new TranscriptRow(path, row.Line, $"emorynlp-{split}-s{season:D2}e{episode:D2}c{scene:D2}", utterance,
                    "emorynlp-" + string.Join(" & ", speakers), $"emorynlp-s{season:D2}",
                    EmotionLabelMap.EmoryNlp.Map(emotion, log, path, row.Line), emotion, table.Get(row, "Utterance")));
            }
        }
        return DialogueAssembler.Assemble(rows, log);
    }

    /// <summary>The names of a Python list literal of strings (either quote); a plain name is a list of one.</summary>
    internal static IReadOnlyList<string> ParseSpeakers(string field)
    {
        var s = field.Trim();
        if (!(s.StartsWith('[') && s.EndsWith(']'))) return s.Length == 0 ? [] : [s];
        var names = new List<string>();
        var i = 1;
        while (i < s.Length - 1)
        {
            var quote = s[i];
            if (quote is '\'' or '"')
            {
                var end = s.IndexOf(quote, i + 1);
                if (end < 0 || end > s.Length - 1) end = s.Length - 1;
                var name = s[(i + 1)..end].Trim();
                if (name.Length > 0) names.Add(name);
                i = end + 1;
            }
            else i++;
        }
        return names;
    }
}
