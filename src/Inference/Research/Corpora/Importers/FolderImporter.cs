using System.Globalization;

namespace EmoStream.Inference.Corpora.Importers;

/// <summary>
/// A folder of audio files and a csv (<c>labels.csv</c> in the folder unless named): column <c>file</c> (a path
/// relative to the folder) is required; <c>label</c>, <c>speaker</c>, <c>group</c>, <c>dialogue</c>, <c>turn</c>,
/// <c>text</c>, <c>start</c>, <c>end</c> are optional. Without a dialogue each file is a one-turn dialogue; without
/// a speaker the file's folder names it; without a group the dialogue (when named) or else the speaker is the group. Labels accept the four classes
/// and their common synonyms (joy, anger, sadness, calm, excited, ...); any other emotion is kept unlabeled.
/// </summary>
public sealed class FolderImporter : ICorpusImporter
{
    public const string DefaultCsv = "labels.csv";
    private static readonly string[] Known = ["file", "label", "speaker", "group", "dialogue", "turn", "text", "start", "end"];

    public string Name => "folder";
    public string Description => "a folder of audio files + a csv (file[,label,speaker,group,dialogue,turn,text,start,end])";

    public IReadOnlyList<ImportedUtterance> Read(ImportOptions options, ImportLog log, CancellationToken cancellationToken)
    {
        var csv = options.Csv ?? Path.Combine(options.Source, DefaultCsv);
        var table = CsvTable.Read(csv, ["file"], log);
        foreach (var column in table.Columns.Where(c => !Known.Contains(c.Trim(), StringComparer.OrdinalIgnoreCase)))
            log.Add(csv, 1, $"column '{column}' ignored (known: {string.Join(", ", Known)})");
        var rows = new List<TranscriptRow>();
        var seenFiles = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = table.Get(row, "file");
            if (SourceAudio.Resolve(options.Source, file, log, csv, row.Line) is not { } audio) continue;
            // One recording may hold several utterances, told apart by start and end; otherwise a file is one utterance.
            if (!seenFiles.TryAdd(audio.Manifest, row.Line) && !table.Has("start"))
            {
                table.Skip(log, row, $"file '{file}' already listed on line {seenFiles[audio.Manifest]}");
                continue;
            }
            if (!TryOptionalNumber(table, row, "turn", log, out var turn) || !TryOptionalNumber(table, row, "start", log, out var start)
                || !TryOptionalNumber(table, row, "end", log, out var end))
                continue;
            var stem = Path.ChangeExtension(audio.Manifest[(CorpusImport.AudioFolder.Length + 1)..], null).Replace('/', '-');
            var folder = Path.GetDirectoryName(file.Replace('\\', '/'))?.Replace('\\', '/').Replace('/', '-');
            var speaker = Or(table.Get(row, "speaker"), string.IsNullOrEmpty(folder) ? "unknown" : folder);
            var raw = table.Get(row, "label");
            var dialogue = table.Get(row, "dialogue");
            // A dialogue of several speakers has to sit in one group: its own, unless the csv names one.
            rows.Add(new TranscriptRow(csv, row.Line, Or(dialogue, stem), turn ?? row.Line, speaker,
                Or(table.Get(row, "group"), Or(dialogue, speaker)), EmotionLabelMap.Generic.Map(raw, log, csv, row.Line), raw,
                table.Get(row, "text"), audio.Manifest, audio.Absolute, start, end));
        }
        return DialogueAssembler.Assemble(rows, log);
    }

    private static string Or(string value, string fallback) => value.Length > 0 ? value : fallback;

    private static bool TryOptionalNumber(CsvTable table, CsvRow row, string column, ImportLog log, out double? value)
    {
        value = null;
        var text = table.Get(row, column);
        if (text.Length == 0) return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0)
        {
            value = v;
            return true;
        }
        table.Skip(log, row, $"{column} '{text}' is not a non-negative number");
        return false;
    }
}
