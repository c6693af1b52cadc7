using System.CommandLine;
using System.Text.Json.Nodes;
using EmoStream.Dashboard.Cli.Output;
using EmoStream.Inference.Calibration;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Evaluation;
using EmoStream.Inference.Features;
using EmoStream.Inference.Model;
using EmoStream.Inference.Training;
using EmoStream.Sessions.Models;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli.Commands;

/// <summary>
/// <c>emostream calibrate</c>: fits a saved model's softmax temperatures (pooled, and per modality pattern where the
/// held-out groups have enough utterances of it) on labeled groups the model never trained on, compares the expected
/// calibration error on test groups without calibration, with one pooled temperature and with the per-modality ones,
/// and writes the model with its new calibration.
/// </summary>
public static class CalibrateCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<FileInfo>("--model") { Description = "Model to calibrate (default: Models:Default, models/default.emsm)" }.AcceptExistingOnly();
        var corpus = CommandOptions.Corpora();
        var groups = CommandOptions.GroupList("--groups", "Held-out labeled groups the temperatures are fitted on ('prefix*' matches by prefix)", required: true);
        var test = CommandOptions.GroupList("--test", "Groups the calibration error is reported on (not among --groups)", required: false);
        var modalities = CommandOptions.Modalities();
        var output = new Option<FileInfo>("--out") { Description = "Where to write the calibrated model (may be --model itself)", Required = true };
        var json = CommandOptions.Json();
        var command = new Command("calibrate", "Fit a model's temperatures (pooled and per modality) on held-out groups and report ECE before and after")
        {
            model, corpus, groups, test, modalities, output, json,
        };
        command.SetAction((parse, ct) =>
        {
            var use = parse.GetValue(modalities)!;
            var request = new CalibrateRequest(DefaultModel.Resolve(parse.GetValue(model), context.Options<ModelsOptions>()),
                parse.GetValue(corpus)!.Select(d => d.FullName).ToArray(), parse.GetValue(groups)!, parse.GetValue(test)!,
                use.Contains("audio"), use.Contains("text"), parse.GetValue(output)!.FullName, parse.GetValue(json)?.FullName);
            return Task.FromResult(Run(context, request));
        });
        return command;
    }

    /// <summary>A corpus's inputs for the model; a modality the corpus has no features for at all is missing for its
    /// utterances (as in training on several corpora), while features from another featurizer are refused.</summary>
    private static FeatureInputs Inputs(CliContext context, Corpus corpus, ModelMetadata metadata, bool audio, bool text)
    {
        var store = new FeatureStore(corpus.Directory);
        var hasAudio = audio && store.List(Modality.Acoustic).Count > 0;
        var hasText = text && store.List(Modality.Lexical).Count > 0;
        if (audio != hasAudio || text != hasText)
            context.Error.MarkupLineInterpolated($"{corpus.Directory}: no {(audio != hasAudio ? "acoustic" : "lexical")} features, scored without them");
        return ModelInputs.Load(corpus, metadata, hasAudio, hasText);
    }

    private sealed record CalibrateRequest(string Model, string[] Corpora, string[] Groups, string[] Test, bool Audio, bool Text, string Out, string? Json);

    private static int Run(CliContext context, CalibrateRequest request)
    {
        var metadata = ModelFile.ReadMetadata(request.Model);
        var corpora = request.Corpora.Select(Corpus.Load).ToArray();
        var known = corpora.SelectMany(c => c.Groups).ToArray();
        var groups = CommandOptions.ExpandGroups("--groups", request.Groups, known);
        var test = CommandOptions.ExpandGroups("--test", request.Test, known);
        var unknown = groups.Concat(test).Except(known).ToArray();
        if (unknown.Length > 0)
            throw new CliUsageException($"no group {string.Join(", ", unknown)} in {string.Join(", ", request.Corpora)} (groups: {string.Join(", ", known)})");
        var both = groups.Intersect(test).ToArray();
        if (both.Length > 0)
            throw new CliUsageException($"group(s) {string.Join(", ", both)} are in --groups and --test: the calibration error must be measured on other data");
        var trained = groups.Concat(test).Intersect(metadata.Training.Labeled).ToArray();
        if (trained.Length > 0)
            throw new CliUsageException($"the model trained on the labels of group(s) {string.Join(", ", trained)}: calibration and its figures need held-out labels");

        var (model, _) = ModelFile.Load(request.Model);
        using var __ = model;
        var speakers = metadata.Speakers.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        var inputs = corpora.Select(c => Inputs(context, c, metadata, request.Audio, request.Text)).ToArray();
        IReadOnlyList<UtterancePrediction> Predict(string[] chosen)
        {
            var encoded = corpora.SelectMany((c, k) => c.Dialogues.Where(d => chosen.Contains(d.Group))
                .Select(d => DialogueEncoder.Encode(d, inputs[k], metadata.Classes, speakers, withLabels: true))).ToArray();
            try { return DialoguePredictor.Predict(model, encoded); }
            finally { foreach (var d in encoded) d.Dispose(); }
        }

        var held = Predict(groups);
        var labeled = held.Count(p => p.Truth != EncodedDialogue.Ignore);
        if (labeled == 0)
            throw new CliUsageException($"groups {string.Join(", ", groups)} have no utterance labeled with one of {string.Join(", ", metadata.Classes)}");
        var temperatures = DialoguePredictor.FitTemperatures(held);
        context.Error.MarkupLineInterpolated($"fitted on {labeled} labeled utterances of {string.Join(", ", groups)}: {temperatures}");
        CalibrationReport.PrintFit(context.Output, held, temperatures);

        var testPredictions = test.Length == 0 ? [] : Predict(test);
        var comparison = CalibrationReport.Compare(testPredictions, temperatures);
        if (comparison.Count > 0) CalibrationReport.PrintComparison(context.Output, comparison, $"ECE on {string.Join(",", test)}");
        double? Known(double x) => double.IsFinite(x) ? x : null;
        var all = comparison.FirstOrDefault(r => r.Modalities is null);
        var calibrated = metadata with
        {
            Calibration = new CalibrationSummary(temperatures.Pooled, groups, labeled, Known(all?.Uncalibrated ?? double.NaN),
                Known(all?.PerModality ?? double.NaN), temperatures.ByModality),
        };
        ModelFile.Save(request.Out, model, calibrated);
        context.Error.MarkupLineInterpolated($"saved the calibrated model to [bold]{request.Out}[/]");
        if (request.Json is not null)
            MetricsReport.WriteJson(request.Json, new JsonObject
            {
                ["model"] = request.Model,
                ["out"] = request.Out,
                ["groups"] = MetricsReport.Strings(groups),
                ["test"] = MetricsReport.Strings(test),
                ["utterances"] = labeled,
                ["temperature"] = temperatures.Pooled,
                ["temperatures"] = MetricsReport.Temperatures(temperatures),
                ["test_ece"] = CalibrationReport.ToJson(comparison),
            });
        return ExitCodes.Ok;
    }
}
