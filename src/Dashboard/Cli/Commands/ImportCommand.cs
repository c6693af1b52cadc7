using System.CommandLine;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Corpora.Importers;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli.Commands;

/// <summary>
/// <c>emostream import KIND --source PATH --out DIR</c>: writes a corpus (manifest.jsonl + audio/) from RAVDESS,
/// EmoDB, MELD, EmoryNLP, IEMOCAP or a folder of audio files with a csv. Progress and skipped rows go to stderr,
/// the summary table to stdout; every skipped or odd source row is also listed in DIR/import-issues.txt.
/// </summary>
public static class ImportCommand
{
    public const string IssuesFileName = "import-issues.txt";
    private const int IssuesShown = 20;

    public static Command Create(CliContext context)
    {
        var kind = new Argument<string>("kind")
        {
            Description = "What the source is: " + string.Join(", ", CorpusImporters.All.Select(i => $"{i.Name} ({i.Description})")),
        };
        kind.AcceptOnlyFromAmong(CorpusImporters.All.Select(i => i.Name).ToArray());
        var source = new Option<string>("--source") { Description = "The source folder, as the corpus is distributed", Required = true };
        var output = new Option<string>("--out") { Description = "The corpus folder to write", Required = true };
        var audio = new Option<AudioPlacement>("--audio")
        {
            Description = "Link the source audio into the corpus (fast, needs the source to stay) or copy it (self-contained)",
            DefaultValueFactory = _ => AudioPlacement.Link,
        };
        var csv = new Option<string?>("--csv") { Description = "folder only: the csv listing the files (default: labels.csv in the source folder)" };
        var command = new Command("import", "Import a corpus into the EmoStream corpus format") { kind, source, output, audio, csv };
        command.SetAction(async (parse, ct) =>
        {
            var importer = CorpusImporters.Get(parse.GetValue(kind)!);
            var csvPath = parse.GetValue(csv);
            if (csvPath is not null && importer is not FolderImporter)
                throw new CliUsageException($"--csv is only for the folder importer, not for {importer.Name}");
            var options = new ImportOptions
            {
                Source = Path.GetFullPath(parse.GetValue(source)!),
                Output = Path.GetFullPath(parse.GetValue(output)!),
                Audio = parse.GetValue(audio),
                Csv = csvPath is null ? null : Path.GetFullPath(csvPath),
            };
            context.Error.MarkupLineInterpolated($"[grey]importing {importer.Name} from {options.Source} into {options.Output}[/]");
            var summary = await Task.Run(() => CorpusImport.Run(importer, options, new StageProgress(context.Error), ct), ct);
            ReportIssues(context, summary);
            WriteSummary(context.Output, summary);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void ReportIssues(CliContext context, ImportSummary summary)
    {
        var path = Path.Combine(summary.Output, IssuesFileName);
        if (summary.Issues.Count == 0)
        {
            File.Delete(path);
            return;
        }
        File.WriteAllLines(path, summary.Issues.Select(i => i.ToString()));
        context.Error.MarkupLineInterpolated($"[yellow]{summary.Issues.Count} source row(s) skipped or read with a repair[/] (all in {path}):");
        foreach (var issue in summary.Issues.Take(IssuesShown)) context.Error.MarkupLineInterpolated($"  {issue}");
        if (summary.Issues.Count > IssuesShown) context.Error.MarkupLineInterpolated($"  ... and {summary.Issues.Count - IssuesShown} more");
    }

    private static void WriteSummary(IAnsiConsole output, ImportSummary s)
    {
        var totals = new Table().Title($"{s.Importer} -> {s.Output}").AddColumn("").AddColumn(new TableColumn("count").RightAligned());
        void Row(string name, int value) => totals.AddRow(Markup.Escape(name), value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row("utterances", s.Utterances);
        Row("dialogues", s.Dialogues);
        Row("groups", s.Groups);
        Row("speakers", s.Speakers);
        foreach (var c in EmotionClasses.All) Row($"labeled {c}", s.LabeledPerClass[c]);
        Row("unlabeled", s.Unlabeled);
        Row("with text", s.WithText);
        Row("with audio", s.WithAudio);
        Row("skipped or odd rows", s.Issues.Count);
        output.Write(totals);

        var labels = new Table().Title("source labels").AddColumn("source").AddColumn("class").AddColumn(new TableColumn("count").RightAligned());
        foreach (var (raw, cls, count) in s.SourceLabels)
            labels.AddRow(Markup.Escape(raw.Length == 0 ? "(none)" : raw), cls ?? "[grey]unlabeled[/]", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        output.Write(labels);
    }

    /// <summary>One stderr line per stage, and for long stages one per tenth done: readable in a log as on a terminal.</summary>
    private sealed class StageProgress(IAnsiConsole error) : IProgress<ImportProgress>
    {
        private string? _stage;
        private int _tenth = -1;

        public void Report(ImportProgress value)
        {
            var tenth = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
            if (value.Stage == _stage && tenth == _tenth) return;
            error.MarkupLineInterpolated($"[grey]{value.Stage}[/] {value.Done}/{value.Total}");
            _stage = value.Stage;
            _tenth = tenth;
        }
    }
}
