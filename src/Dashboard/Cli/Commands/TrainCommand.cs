using System.CommandLine;
using System.Text.Json.Nodes;
using EmoStream.Dashboard.Cli.Output;
using EmoStream.Inference.Calibration;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Model;
using EmoStream.Inference.Training;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli.Commands;

/// <summary>
/// <c>emostream train</c>: the paper's protocol on one corpus or several trained together, R runs, figures on the test
/// groups; optionally a temperature fitted on held-out calibration groups and saved with the model.
/// </summary>
public static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var modelDefaults = context.Options<ModelOptions>();
        var trainingDefaults = context.Options<TrainingOptions>();

        var corpus = CommandOptions.Corpora();
        var labeled = CommandOptions.GroupList("--labeled", "Groups whose emotion labels are used (comma-separated; 'prefix*' matches groups by prefix)", required: true);
        var unlabeled = CommandOptions.GroupList("--unlabeled", "Groups used without labels, for the speaker loss (may include test and calibration groups)", required: false);
        var test = CommandOptions.GroupList("--test", "Groups the figures are computed on (their labels are never trained on); none when training on everything", required: false);
        var calibrate = CommandOptions.GroupList("--calibrate-groups",
            "Held-out labeled groups the softmax temperature is fitted on (not labeled, not test; may be unlabeled)", required: false);
        var calibrationFrom = new Option<FileInfo>("--calibration-from")
        {
            Description = "Carry the calibration of this model (same recipe, trained with held-out groups) over to the saved model, "
                + "for a model trained on everything, which has no held-out data of its own",
        }.AcceptExistingOnly();
        var mode = new Option<ContextMode>("--mode") { Description = "offline (the paper's bidirectional model) or causal (streaming)", DefaultValueFactory = _ => modelDefaults.Mode };
        var residual = new Option<bool>("--residual")
        {
            Description = "Classifiers on each utterance's fused vector plus its context vector (not the paper's; keeps an utterance's own evidence in long dialogues)",
            DefaultValueFactory = _ => modelDefaults.Residual,
        };
        var lambda = new Option<double>("--lambda") { Description = "Weight of the reversed speaker gradient; 0 is the paper's comparison system", DefaultValueFactory = _ => trainingDefaults.Lambda };
        var epochs = new Option<int>("--epochs") { Description = "Epochs per run", DefaultValueFactory = _ => trainingDefaults.Epochs };
        var runs = new Option<int>("--runs") { Description = "Runs, with seeds S..S+R-1", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "First seed", DefaultValueFactory = _ => trainingDefaults.Seed };
        var modalities = CommandOptions.Modalities();
        var acousticSet = new Option<string?>("--acoustic-set") { Description = "Which stored acoustic feature set to use when there are several (e.g. compact)" };
        var lexicalSet = new Option<string?>("--lexical-set") { Description = "Which stored lexical feature set to use when there are several" };
        var output = new Option<FileInfo?>("--out") { Description = "Save the model of the first run (seed S) with its metadata" };
        var json = CommandOptions.Json();

        var command = new Command("train", "Train the context-dependent DANN on a corpus and report WA, UA, macro-F1 on the test groups")
        {
            corpus, labeled, unlabeled, test, calibrate, calibrationFrom, mode, residual, lambda, epochs, runs, seed, modalities, acousticSet, lexicalSet, output, json,
        };
        command.SetAction((parse, ct) =>
        {
            var use = parse.GetValue(modalities)!;
            var options = trainingDefaults.With(o =>
            {
                o.Lambda = parse.GetValue(lambda);
                o.Epochs = parse.GetValue(epochs);
                o.Seed = parse.GetValue(seed);
            });
            var architecture = new ModelOptions
            {
                Mode = parse.GetValue(mode), Hidden = modelDefaults.Hidden, Heads = modelDefaults.Heads, Dropout = modelDefaults.Dropout,
                Residual = parse.GetValue(residual),
            };
            var request = new TrainRequest(parse.GetValue(corpus)!.Select(d => d.FullName).ToArray(), parse.GetValue(labeled)!, parse.GetValue(unlabeled)!,
                parse.GetValue(test)!, parse.GetValue(calibrate)!, ((FileInfo?)parse.GetValue(calibrationFrom))?.FullName, use.Contains("audio"), use.Contains("text"), parse.GetValue(acousticSet), parse.GetValue(lexicalSet),
                parse.GetValue(runs), parse.GetValue(output)?.FullName, parse.GetValue(json)?.FullName);
            return Task.FromResult(Run(context, request, architecture, options, ct));
        });
        return command;
    }

    private sealed record TrainRequest(string[] Corpora, string[] Labeled, string[] Unlabeled, string[] Test, string[] Calibrate, string? CalibrationFrom, bool Audio, bool Text,
        string? AcousticSet, string? LexicalSet, int Runs, string? Out, string? Json);

    private static int Run(CliContext context, TrainRequest request, ModelOptions model, TrainingOptions options, CancellationToken ct)
    {
        try { options.Validate(); }
        catch (ArgumentException e) { throw new CliUsageException(e.Message); }
        if (request.Runs < 1) throw new CliUsageException($"--runs must be at least 1, got {request.Runs}");
        if (request.CalibrationFrom is not null && request.Calibrate.Length > 0)
            throw new CliUsageException("--calibration-from and --calibrate-groups both calibrate the model: use one");

        var corpora = request.Corpora.Select(Corpus.Load).ToArray();
        var features = FeatureInputs.Load(corpora, request.Audio, request.Text, request.AcousticSet, request.LexicalSet);
        var corpus = CorpusCombination.Combine(corpora);
        var groups = corpus.Groups.ToArray();
        string[] Expand(string option, string[] items) => CommandOptions.ExpandGroups(option, items, groups);
        var labeled = Expand("--labeled", request.Labeled);
        var unlabeled = Expand("--unlabeled", request.Unlabeled);
        var test = Expand("--test", request.Test);
        var calibrate = Expand("--calibrate-groups", request.Calibrate);
        TrainingSet data;
        try { data = TrainingSet.Build(corpus, features, labeled, unlabeled, test, calibrate); }
        catch (ArgumentException e) { throw new CliUsageException(e.Message); }
        using var _ = data;

        context.Error.MarkupLineInterpolated(
            $"[bold]training[/] {model.Mode}{(model.Residual ? " residual" : "")} model, lambda {options.Lambda}, {options.Epochs} epochs x {request.Runs} run(s) on {data.Train.Count} dialogues ({data.Train.Sum(d => d.Length)} utterances, {data.Speakers.Count} speakers); testing on {data.Test.Count} dialogues");
        context.Error.MarkupLineInterpolated(
            $"features: {features.Acoustic?.Info.ToString() ?? "no acoustic"}; {features.Lexical?.Info.ToString() ?? "no lexical"}");
        if (data.Calibration.Count > 0)
            context.Error.MarkupLineInterpolated($"calibrating the temperatures on {data.Calibration.Count} held-out dialogues (groups {string.Join(",", data.CalibrationGroups)})");
        if (test.Length == 0)
            context.Error.MarkupLine("no --test groups: training on everything given, so there are no figures to report");
        var carried = request.CalibrationFrom is null ? null : CarriedCalibration(request.CalibrationFrom, features, model);

        var result = Experiment.Run(data, features, model, options, request.Runs, new EpochProgress(context.Error, request.Runs),
            keep: (run, trained, runResult) =>
            {
                if (run != 0 || request.Out is null) return false;
                double? Known(double x) => double.IsFinite(x) ? x : null;
                var calibration = carried ?? (data.Calibration.Count == 0 ? null
                    : new CalibrationSummary(runResult.Temperatures.Pooled, data.CalibrationGroups, LabeledUtterances(data.Calibration),
                        Known(runResult.EceBefore), Known(runResult.Ece), runResult.Temperatures.ByModality));
                var metadata = new ModelMetadata(trained.Architecture, EmotionClasses.All, data.Speakers,
                    features.Acoustic?.Info, features.Lexical?.Info,
                    new TrainingSummary(DateTimeOffset.UtcNow, corpus.Directory, labeled, unlabeled, test,
                        options.Epochs, options.Lambda, options.Seed, data.Train.Count, data.Train.Sum(d => d.Length),
                        Known(runResult.Test.Wa), Known(runResult.Test.Ua), Known(runResult.Test.MacroF1)),
                    calibration);
                ModelFile.Save(request.Out, trained, metadata);
                context.Error.MarkupLineInterpolated($"saved model (run 1, seed {options.Seed}) to [bold]{request.Out}[/]");
                return false;
            }, ct: ct);

        if (test.Length > 0)
            MetricsReport.Print(context.Output, result, $"test groups {string.Join(",", test)}: {model.Mode}, lambda {options.Lambda}");
        if (request.Json is not null)
        {
            MetricsReport.WriteJson(request.Json, MetricsReport.ToJson(result, new JsonObject
            {
                ["mode"] = model.Mode.ToString().ToLowerInvariant(),
                ["residual"] = model.Residual,
                ["lambda"] = options.Lambda,
                ["epochs"] = options.Epochs,
                ["corpora"] = MetricsReport.Strings(request.Corpora),
                ["labeled"] = MetricsReport.Strings(labeled),
                ["unlabeled"] = MetricsReport.Strings(unlabeled),
                ["test"] = MetricsReport.Strings(test),
                ["calibration_groups"] = MetricsReport.Strings(data.CalibrationGroups),
            }));
        }
        return ExitCodes.Ok;
    }

    private static int LabeledUtterances(IEnumerable<EncodedDialogue> dialogues) => dialogues.Sum(d => (int)d.Emotion.ge(0).sum().item<long>());

    /// <summary>The calibration of a model made by the same recipe, refused when its classes, featurizers, mode or residual setting differ.</summary>
    private static CalibrationSummary CarriedCalibration(string path, FeatureInputs features, ModelOptions model)
    {
        var mode = model.Mode;
        var source = ModelFile.ReadMetadata(path);
        if (source.Calibration is null)
            throw new CliUsageException($"--calibration-from {path}: that model is not calibrated (train it with --calibrate-groups, or run `emostream calibrate`)");
        if (!source.Classes.SequenceEqual(EmotionClasses.All))
            throw new CliUsageException($"--calibration-from {path}: its classes are {string.Join(", ", source.Classes)}, expected {string.Join(", ", EmotionClasses.All)}");
        if (source.Architecture.Mode != mode)
            throw new CliUsageException($"--calibration-from {path}: its mode is {Name(source.Architecture.Mode)}, this training's is {Name(mode)}");
        if (source.Architecture.Residual != model.Residual)
            throw new CliUsageException($"--calibration-from {path}: it was trained with --residual {source.Architecture.Residual.ToString().ToLowerInvariant()}, this training with --residual {model.Residual.ToString().ToLowerInvariant()}");
        try { source.EnsureCompatible(features.Acoustic?.Info, features.Lexical?.Info, "this training's corpora"); }
        catch (ModelMismatchException e) { throw new CliUsageException($"--calibration-from {path}: {e.Message}"); }
        return source.Calibration with { Source = source.Calibration.Source ?? Path.GetFileName(path) };
        static string Name(ContextMode m) => m.ToString().ToLowerInvariant();
    }
}
