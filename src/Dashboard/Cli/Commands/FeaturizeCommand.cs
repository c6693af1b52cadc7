using System.CommandLine;
using EmoStream.Capture.Audio;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Features;
using EmoStream.Inference.Features.Acoustic;
using EmoStream.Inference.Features.Lexical;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli.Commands;

/// <summary><c>emostream featurize</c>: computes and stores a corpus's acoustic and lexical features.</summary>
public static class FeaturizeCommand
{
    public static Command Create(CliContext context)
    {
        var corpus = CommandOptions.Corpus();
        var set = new Option<string>("--set")
        {
            Description = $"Acoustic feature set: {string.Join(" or ", AcousticFeatureSets.Names)}",
            DefaultValueFactory = _ => context.Configuration["Features:AcousticSet"] ?? AcousticFeatureSets.Default,
        };
        set.AcceptOnlyFromAmong([.. AcousticFeatureSets.Names]);
        var lexical = new Option<string>("--lexical")
        {
            Description = $"Lexical featurizer: {string.Join(" or ", LexicalFeaturizers.Names)} (docs/lexical-features.md)",
            DefaultValueFactory = _ => context.Options<LexicalFeaturizerOptions>().Encoder,
        };
        lexical.AcceptOnlyFromAmong([.. LexicalFeaturizers.Names]);
        var modalities = CommandOptions.Modalities();
        var threads = new Option<int>("--threads")
        {
            Description = "Audio files decoded and analysed at once; batches of text encoded at once",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var command = new Command("featurize", "Compute the features of a corpus (skips what is already done)") { corpus, set, lexical, modalities, threads };
        command.SetAction((parse, ct) =>
        {
            var use = parse.GetValue(modalities)!;
            return Task.FromResult(Run(context, parse.GetValue(corpus)!.FullName, parse.GetValue(set)!, parse.GetValue(lexical)!, use.Contains("audio"),
                use.Contains("text"), parse.GetValue(threads), ct));
        });
        return command;
    }

    private static int Run(CliContext context, string corpusPath, string setName, string lexicalName, bool audio, bool text, int threads,
        CancellationToken ct)
    {
        var corpus = Corpus.Load(corpusPath);
        var summaries = new List<FeaturizeSummary>();
        var featurizer = new CorpusFeaturizer((path, token) => AudioFileReader.Default.Read16kMono(path, token));
        context.Error.Progress().AutoClear(false).HideCompleted(false).Columns(
            new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                if (audio)
                {
                    var acoustic = AcousticFeatureSets.Create(setName);
                    var task = progress.AddTask($"acoustic {acoustic.Info.Id}", maxValue: corpus.Utterances.Count);
                    summaries.Add(featurizer.Acoustic(corpus, acoustic, threads, new Reporter(task), ct));
                }
                if (text)
                {
                    var lexical = LexicalFeaturizers.Create(lexicalName, context.Options<LexicalFeaturizerOptions>());
                    var task = progress.AddTask($"lexical {lexical.Info.Id}", maxValue: corpus.Utterances.Count);
                    summaries.Add(CorpusFeaturizer.Lexical(corpus, lexical, new Reporter(task), ct, threads));
                }
            });

        var table = new Table().Title($"features of {corpusPath}")
            .AddColumns("modality", "featurizer", "done", "skipped (already stored)", "missing (no audio/text)", "failed", "time");
        foreach (var s in summaries)
            table.AddRow(s.Modality.ToString().ToLowerInvariant(), s.FeaturizerId, $"{s.Done}", $"{s.Skipped}", $"{s.Missing}",
                s.Failures.Count == 0 ? "0" : $"[red]{s.Failures.Count}[/]", $"{s.Elapsed.TotalSeconds:F1}s");
        context.Output.Write(table);
        var failures = summaries.SelectMany(s => s.Failures).ToArray();
        foreach (var f in failures.Take(20)) context.Error.MarkupLineInterpolated($"[red]failed[/] {f.UtteranceId}: {f.Reason}");
        if (failures.Length > 20) context.Error.MarkupLineInterpolated($"... and {failures.Length - 20} more");
        return failures.Length == 0 ? ExitCodes.Ok : ExitCodes.PartialFailure;
    }

    /// <summary>Spectre's progress task as an <see cref="IProgress{T}"/>; Spectre tasks are thread-safe.</summary>
    private sealed class Reporter(ProgressTask task) : IProgress<FeaturizeProgress>
    {
        public void Report(FeaturizeProgress value) => task.Value = value.Handled;
    }
}
