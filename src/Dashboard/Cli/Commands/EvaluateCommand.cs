using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using EmoStream.Dashboard.Cli.Output;
using EmoStream.Inference.Calibration;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Evaluation;
using EmoStream.Inference.Model;
using EmoStream.Inference.Training;
using EmoStream.Sessions.Models;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli.Commands;

/// <summary><c>emostream evaluate</c>: a saved model's figures on a corpus (all groups, or the named ones).</summary>
public static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<FileInfo>("--model") { Description = "Model file written by `train --out` (default: Models:Default, models/default.emsm)" }.AcceptExistingOnly();
        var corpus = CommandOptions.Corpus();
        var groups = CommandOptions.GroupList("--groups", "Only these groups (comma-separated; default all)", required: false);
        var modalities = CommandOptions.Modalities();
        modalities.Description = "Modalities to score with (default both): a modality left out is missing for every utterance, "
            + "so a text-only corpus needs only text features";
        var json = CommandOptions.Json();
        var command = new Command("evaluate", "Score a corpus with a saved model and report WA, UA, macro-F1, calibration error and the confusion matrix")
        {
            model, corpus, groups, modalities, json,
        };
        command.SetAction((parse, ct) =>
        {
            var use = parse.GetValue(modalities)!;
            return Task.FromResult(Run(context, DefaultModel.Resolve(parse.GetValue(model), context.Options<ModelsOptions>()), parse.GetValue(corpus)!.FullName,
                parse.GetValue(groups)!, use.Contains("audio"), use.Contains("text"), parse.GetValue(json)?.FullName));
        });
        return command;
    }

    private static int Run(CliContext context, string modelPath, string corpusPath, string[] groups, bool audio, bool text, string? jsonPath)
    {
        var clock = Stopwatch.StartNew();
        var metadata = ModelFile.ReadMetadata(modelPath);
        var corpus = Corpus.Load(corpusPath);
        var features = ModelInputs.Load(corpus, metadata, audio, text);
        var unknown = groups.Except(corpus.Groups).ToArray();
        if (unknown.Length > 0)
            throw new CliUsageException($"no group {string.Join(", ", unknown)} in {corpusPath} (groups: {string.Join(", ", corpus.Groups)})");
        var chosen = corpus.Dialogues.Where(d => groups.Length == 0 || groups.Contains(d.Group)).ToArray();
        var speakers = metadata.Speakers.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);

        var (trained, _) = ModelFile.Load(modelPath);
        using var __ = trained;
        var encoded = chosen.Select(d => DialogueEncoder.Encode(d, features, metadata.Classes, speakers, withLabels: true)).ToArray();
        try
        {
            var temperatures = metadata.Temperatures;
            var predictions = DialoguePredictor.Predict(trained, encoded, temperatures);
            var metrics = DialoguePredictor.Score(predictions, metadata.Classes.Count);
            if (metrics.Count == 0)
                throw new CliUsageException($"the chosen dialogues of {corpusPath} have no utterance labeled with one of {string.Join(", ", metadata.Classes)}");
            var result = new ExperimentResult(metadata.Classes, [new RunResult(metadata.Training.Seed, metrics, clock.Elapsed, temperatures,
                DialoguePredictor.CalibrationError(predictions, Temperatures.None), DialoguePredictor.CalibrationError(predictions, temperatures))]);
            var scope = groups.Length == 0 ? "all groups" : $"groups {string.Join(",", groups)}";
            MetricsReport.Print(context.Output, result, $"{Path.GetFileName(modelPath)} on {scope} ({metrics.Count} labeled utterances)");
            var byModality = DialoguePredictor.CalibrationErrorByModality(predictions, temperatures);
            MetricsReport.PrintByModality(context.Output, byModality, $"calibration by modality ({temperatures})");
            if (jsonPath is not null)
                MetricsReport.WriteJson(jsonPath, MetricsReport.ToJson(result, new JsonObject
                {
                    ["model"] = modelPath,
                    ["corpus"] = corpusPath,
                    ["mode"] = metadata.Architecture.Mode.ToString().ToLowerInvariant(),
                    ["temperature"] = temperatures.Pooled,
                    ["temperatures"] = MetricsReport.Temperatures(temperatures),
                    ["calibration_by_modality"] = MetricsReport.ByModality(byModality),
                    ["modalities"] = new JsonArray(new[] { audio ? "audio" : null, text ? "text" : null }.OfType<string>().Select(m => (JsonNode)JsonValue.Create(m)).ToArray()),
                }));
            return ExitCodes.Ok;
        }
        finally
        {
            foreach (var d in encoded) d.Dispose();
        }
    }
}
