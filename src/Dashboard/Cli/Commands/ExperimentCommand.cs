using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using EmoStream.Dashboard.Cli.Output;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Experiments;
using EmoStream.Inference.Model;
using EmoStream.Inference.Training;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli.Commands;

/// <summary><c>emostream experiment table2</c>: the paper's Table 2 protocol on one corpus (see docs/RESULTS.md).</summary>
public static class ExperimentCommand
{
    public static Command Create(CliContext context)
    {
        var modelDefaults = context.Options<ModelOptions>();
        var trainingDefaults = context.Options<TrainingOptions>();

        var corpus = CommandOptions.Corpus();
        var test = new Option<string>("--test") { Description = "The numbered test group (e.g. 5)", Required = true };
        var settings = CommandOptions.GroupList("--settings", "Settings: the numbered groups whose labels are used, e.g. 1234,123,134,234,23", required: true);
        var groupsOf = new Option<int>("--groups-of")
        {
            Description = "Fold the corpus's groups, sorted by name, into this many numbered groups of consecutive groups (RAVDESS's 20 actors: 5 groups of 4)",
            DefaultValueFactory = _ => 5,
        };
        var runs = new Option<int>("--runs") { Description = "Runs per system and setting, seeds S..S+R-1 (the paper: 20)", DefaultValueFactory = _ => 20 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs per run", DefaultValueFactory = _ => trainingDefaults.Epochs };
        var seed = new Option<int>("--seed") { Description = "First seed", DefaultValueFactory = _ => trainingDefaults.Seed };
        var modalities = CommandOptions.Modalities();
        var acousticSet = new Option<string?>("--acoustic-set") { Description = "Which stored acoustic feature set to use when there are several (e.g. compact)" };
        var lexicalSet = new Option<string?>("--lexical-set") { Description = "Which stored lexical feature set to use when there are several" };
        var json = CommandOptions.Json();
        var checkpoint = new Option<FileInfo?>("--checkpoint")
        {
            Description = "Record each finished run in this file (JSON lines) and reuse the runs already in it: an interrupted experiment, "
                + "or one split over several processes (concatenate their files), resumes instead of training again",
        };

        var table2 = new Command("table2",
            "The paper's Table 2: per setting, lambda 0 (comparison) and lambda 1 (full) offline models over the same seeds, WA mean ± sd, difference, paired tests")
        {
            corpus, test, settings, groupsOf, runs, epochs, seed, modalities, acousticSet, lexicalSet, json, checkpoint,
        };
        table2.SetAction((parse, ct) =>
        {
            var use = parse.GetValue(modalities)!;
            var options = trainingDefaults.With(o =>
            {
                o.Epochs = parse.GetValue(epochs);
                o.Seed = parse.GetValue(seed);
            });
            // Offline, as in the paper: the comparison concerns the paper's bidirectional model.
            var model = new ModelOptions { Mode = ContextMode.Offline, Hidden = modelDefaults.Hidden, Heads = modelDefaults.Heads, Dropout = modelDefaults.Dropout };
            var request = new Table2Request(parse.GetValue(corpus)!.FullName, parse.GetValue(test)!, parse.GetValue(settings)!, parse.GetValue(groupsOf),
                parse.GetValue(runs), use.Contains("audio"), use.Contains("text"), parse.GetValue(acousticSet), parse.GetValue(lexicalSet),
                parse.GetValue(json)?.FullName, parse.GetValue(checkpoint)?.FullName);
            return Task.FromResult(Run(context, request, model, options, ct));
        });
        return new Command("experiment", "The paper's experiments on a corpus, and adaptation to stored sessions") { table2, AdaptExperimentCommand.Create(context) };
    }

    private sealed record Table2Request(string Corpus, string Test, string[] Settings, int GroupsOf, int Runs, bool Audio, bool Text,
        string? AcousticSet, string? LexicalSet, string? Json, string? Checkpoint);

    private static int Run(CliContext context, Table2Request request, ModelOptions model, TrainingOptions options, CancellationToken ct)
    {
        try { options.Validate(); }
        catch (ArgumentException e) { throw new CliUsageException(e.Message); }
        if (request.Runs < 1) throw new CliUsageException($"--runs must be at least 1, got {request.Runs}");

        var clock = Stopwatch.StartNew();
        var corpus = Corpus.Load(request.Corpus);
        var features = FeatureInputs.Load(corpus, request.Audio, request.Text, request.AcousticSet, request.LexicalSet);
        NumberedGroups groups;
        Table2Setting[] settings;
        try
        {
            groups = NumberedGroups.Split(corpus.Groups, request.GroupsOf);
            settings = request.Settings.Select(s => Table2Setting.Create(groups, s, request.Test)).ToArray();
        }
        catch (ArgumentException e) { throw new CliUsageException(e.Message); }

        for (var k = 0; k < groups.Count; k++)
            context.Error.MarkupLineInterpolated($"group {k + 1}: {string.Join(", ", groups.Members[k])}");
        context.Error.MarkupLineInterpolated(
            $"[bold]table2[/] offline, {options.Epochs} epochs, {request.Runs} run(s) x 2 systems x {settings.Length} setting(s), seeds {options.Seed}..{options.Seed + request.Runs - 1}, test group {request.Test}");

        var checkpoint = request.Checkpoint is null ? null : new Table2CheckpointFile(request.Checkpoint, Configuration(request, model, options, features));
        if (checkpoint is not null)
            context.Error.MarkupLineInterpolated($"checkpoint {request.Checkpoint}: {checkpoint.Count} finished run(s) to reuse");
        var progress = new RunProgress(context.Error, clock);
        var rows = new List<Table2Row>();
        foreach (var setting in settings)
            rows.Add(Table2Protocol.RunSetting(corpus, features, setting, model, options, request.Runs, progress, checkpoint, ct));

        Table2Report.Print(context.Output, rows, $"{Path.GetFileName(request.Corpus)}: test group {request.Test}, {request.Runs} run(s) each, {clock.Elapsed.TotalMinutes:F1} min");
        if (request.Json is not null)
            MetricsReport.WriteJson(request.Json, Table2Report.ToJson(rows, new JsonObject
            {
                ["corpus"] = request.Corpus,
                ["test"] = request.Test,
                ["groups"] = new JsonArray(groups.Members.Select(m => (JsonNode)MetricsReport.Strings(m)).ToArray()),
                ["runs"] = request.Runs,
                ["epochs"] = options.Epochs,
                ["first_seed"] = options.Seed,
                ["mode"] = "offline",
                ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
            }));
        return ExitCodes.Ok;
    }

    /// <summary>What a checkpointed run depends on besides its setting, lambda and seed: runs made otherwise are not reused.</summary>
    private static string Configuration(Table2Request request, ModelOptions model, TrainingOptions o, FeatureInputs features) =>
        FormattableString.Invariant(
            $"corpus={Path.GetFileName(Path.TrimEndingDirectorySeparator(request.Corpus))};test={request.Test};groups-of={request.GroupsOf};mode={model.Mode};hidden={model.Hidden};heads={model.Heads};dropout={model.Dropout};epochs={o.Epochs};batch={o.BatchDialogues};lr={o.LearningRate};weight-decay={o.WeightDecay};lambda-schedule={o.LambdaSchedule};speaker-lr-scale={o.SpeakerLearningRateScale};threads={o.Threads};acoustic={features.Acoustic?.Info};lexical={features.Lexical?.Info}");

    private sealed class RunProgress(IAnsiConsole console, Stopwatch clock) : IProgress<Table2RunReport>
    {
        public void Report(Table2RunReport r) => console.MarkupLineInterpolated(
            $"setting {r.Setting} lambda {r.Lambda} run {r.Run + 1}/{r.Runs} (seed {r.Result.Seed}): WA {100 * r.Result.Test.Wa:F2}%  [grey]{(r.Reused ? "from the checkpoint" : $"{r.Result.Elapsed.TotalSeconds:F1}s")}, {clock.Elapsed.TotalMinutes:F1} min in all[/]");
    }
}
