using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using EmoStream.Dashboard.Cli.Adaptation;
using EmoStream.Dashboard.Cli.Output;
using EmoStream.Inference.Adaptation;
using EmoStream.Inference.Calibration;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Evaluation;
using EmoStream.Inference.Model;
using EmoStream.Inference.Training;
using EmoStream.Sessions.Models;
using EmoStream.Sessions.Storage;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli.Commands;

/// <summary>
/// <c>emostream adapt</c>: a new model from the user's own stored sessions (unlabeled dialogues for the speaker
/// classifier, corrected utterances as labels) and the labeled corpora, compared with the current model on held-out
/// corrections. The model is always written (to be looked at); the verb recommends it only when it is no worse.
/// </summary>
public static class AdaptCommand
{
    public static Command Create(CliContext context)
    {
        var trainingDefaults = context.Options<TrainingOptions>();
        var model = new Option<FileInfo>("--model") { Description = "The current model, adapted and compared with (default Models:Default)" }.AcceptExistingOnly();
        var corpus = new Option<DirectoryInfo[]>("--corpus")
        {
            Description = "Labeled corpus folder(s) trained on beside the sessions (default Adaptation:Corpora); 'none' for corrections alone",
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .Where(p => p != "none").Select(p => new DirectoryInfo(p)).DistinctBy(d => d.FullName).ToArray(),
        };
        var sessionIds = CommandOptions.GroupList("--session", "Only these session ids (comma-separated or repeated)", required: false);
        var from = new Option<DateTimeOffset?>("--from") { Description = "Only sessions started at or after this time (ISO 8601, e.g. 2026-11-01)" };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Only sessions started before this time" };
        var status = new Option<SessionStatus[]>("--status")
        {
            Description = "Only sessions that ended so: completed, stopped, failed, interrupted (default: all ended sessions)",
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .Select(v => Enum.TryParse<SessionStatus>(v, ignoreCase: true, out var s) && s != SessionStatus.Running ? s
                    : throw new CliUsageException($"--status: '{v}' is not an ended status (completed, stopped, failed, interrupted)")).Distinct().ToArray(),
            DefaultValueFactory = _ => [],
        };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs", DefaultValueFactory = _ => trainingDefaults.Epochs };
        var seed = new Option<int>("--seed") { Description = "Seed of the training and of the held-out split", DefaultValueFactory = _ => trainingDefaults.Seed };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the new model (default Models:Directory/adapted-TIME.emsm, where the server can switch to it)" };
        var json = CommandOptions.Json();
        var command = new Command("adapt", "Train a model adapted to the stored sessions and their corrections, and compare it with the current model")
        {
            model, corpus, sessionIds, from, to, status, epochs, seed, output, json,
        };
        command.SetAction((parse, ct) =>
        {
            var models = context.Options<ModelsOptions>();
            var adaptation = context.Options<AdaptationOptions>();
            var corpora = parse.GetResult(corpus) is null
                ? adaptation.Corpora.Select(p => new DirectoryInfo(p)).ToArray()
                : parse.GetValue(corpus)!;
            foreach (var d in corpora)
                if (!d.Exists)
                    throw new CliUsageException($"corpus folder {d.FullName} does not exist (from {(parse.GetResult(corpus) is null ? "Adaptation:Corpora" : "--corpus")}); " +
                        "import and featurize it as docs/MODEL_CARD.md shows, name the corpora you have with --corpus, or learn from the corrections alone with --corpus none");
            var request = new AdaptRequest(DefaultModel.Resolve(parse.GetValue(model), models), corpora.Select(d => d.FullName).ToArray(),
                new SessionSelection(parse.GetValue(sessionIds)!, parse.GetValue(from), parse.GetValue(to), parse.GetValue(status)!),
                parse.GetValue(output)?.FullName ?? Path.Combine(Path.GetFullPath(models.Directory), $"adapted-{DateTime.UtcNow:yyyyMMdd-HHmmss}.emsm"),
                parse.GetValue(json)?.FullName);
            var options = trainingDefaults.With(o =>
            {
                o.Epochs = parse.GetValue(epochs);
                o.Seed = parse.GetValue(seed);
            });
            return RunAsync(context, request, options, adaptation, ct);
        });
        return command;
    }

    private sealed record AdaptRequest(string Model, string[] Corpora, SessionSelection Selection, string Out, string? Json);

    private static async Task<int> RunAsync(CliContext context, AdaptRequest request, TrainingOptions options, AdaptationOptions adaptation, CancellationToken ct)
    {
        try
        {
            options.Validate();
            adaptation.Validate();
        }
        catch (ArgumentException e) { throw new CliUsageException(e.Message); }
        var (current, metadata) = ModelFile.Load(request.Model);
        using var _current = current;
        if (metadata.Architecture.Mode != ContextMode.Causal)
            throw new CliUsageException($"{request.Model} is an offline model; adapt a causal one (the server scores with causal models)");

        StoredSessions stored;
        await using (var store = await SessionStores.OpenAsync(context.Options<StorageOptions>(), ct))
        {
            var selected = await request.Selection.SelectAsync(store, ct);
            stored = await StoredSessionReader.ReadAsync(store, selected, metadata, ct);
            context.Error.MarkupLineInterpolated($"[bold]sessions[/]: {selected.Count} selected, {stored.Sessions.Count} with features ({stored.Utterances} utterances), {stored.Corrections.Count} corrected utterances, {stored.NoneOfThese} marked 'none of these' (not trained on)");
        }
        foreach (var line in stored.Skipped) context.Error.MarkupLineInterpolated($"[yellow]skipped[/] {line}");
        if (stored.Sessions.Count == 0)
            throw new CliUsageException("no stored session to learn from: none matched the filters, or none has stored features (Storage:StoreFeatures)");

        var (trainLabels, heldOut) = Adapter.Split(stored.Corrections, adaptation.HeldOutShare, options.Seed);
        var corpora = request.Corpora.Select(Corpus.Load).ToArray();
        AdaptationInputs inputs;
        try { inputs = AdaptationInputs.Build(corpora, Adapter.WithLabels(stored.Sessions, trainLabels), metadata); }
        catch (ModelMismatchException e) { throw new CliUsageException(e.Message); }
        context.Error.MarkupLineInterpolated($"[bold]adapting[/] {Path.GetFileName(request.Model)}: {corpora.Length} labeled corpora, {stored.Sessions.Count} sessions (speaker loss), {trainLabels.Count} corrections trained on, {heldOut.Count} held out; {options.Epochs} epochs, seed {options.Seed}");

        ContextualDann candidate;
        IReadOnlyList<string> speakers;
        int dialogues, utterances;
        try { (candidate, speakers, dialogues, utterances) = Adapter.Train(inputs, metadata.Architecture, options, new EpochProgress(context.Error, 1), ct); }
        catch (ArgumentException e) { throw new CliUsageException(e.Message); }
        using var _candidate = candidate;
        var heldOutDialogues = inputs.Encode(heldOut, metadata.Classes);
        AdaptationReport report;
        try { report = Adapter.Compare(current, metadata.Temperatures, candidate, metadata.Temperatures, heldOutDialogues, metadata.Classes, adaptation, options.Seed); }
        finally { foreach (var d in heldOutDialogues) d.Dispose(); }

        double? Known(double x) => double.IsFinite(x) ? x : null;
        var saved = metadata with
        {
            Architecture = candidate.Architecture,
            Speakers = speakers,
            Training = new TrainingSummary(DateTimeOffset.UtcNow,
                string.Join(",", corpora.Select(c => Path.GetFileName(c.Directory)).Append($"{stored.Sessions.Count} stored sessions")),
                [.. inputs.SourceGroups, AdaptationInputs.SessionGroup], [], ["held-out corrections"], options.Epochs, options.Lambda, options.Seed,
                dialogues, utterances, Known(report.Candidate.Metrics.Wa), Known(report.Candidate.Metrics.Ua), Known(report.Candidate.Metrics.MacroF1)),
            Calibration = report.HeldOut >= adaptation.MinCalibration
                ? new CalibrationSummary(report.Temperatures.Pooled, ["held-out corrections"], report.HeldOut, null, Known(report.Candidate.Ece), report.Temperatures.ByModality, "held-out corrections")
                : metadata.Calibration,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(request.Out)!);
        ModelFile.Save(request.Out, candidate, saved);
        Print(context.Output, report, request.Model, request.Out);
        if (request.Json is not null) MetricsReport.WriteJson(request.Json, ToJson(report, request, stored, trainLabels.Count));
        return report.Recommended ? ExitCodes.Ok : ExitCodes.NotRecommended;
    }

    private static void Print(IAnsiConsole output, AdaptationReport r, string currentPath, string candidatePath)
    {
        static string P(double x) => double.IsFinite(x) ? x.ToString("P1", CultureInfo.InvariantCulture) : "-";
        var table = new Table().Title($"on {r.HeldOut} held-out corrections").AddColumns("model", "WA", "UA", "macro-F1", "ECE");
        table.AddRow(Markup.Escape($"current: {Path.GetFileName(currentPath)}"), P(r.Current.Metrics.Wa), P(r.Current.Metrics.Ua), P(r.Current.Metrics.MacroF1), P(r.Current.Ece));
        table.AddRow(Markup.Escape($"new: {Path.GetFileName(candidatePath)}"), P(r.Candidate.Metrics.Wa), P(r.Candidate.Metrics.Ua), P(r.Candidate.Metrics.MacroF1), P(r.Candidate.Ece));
        output.Write(table);
        output.MarkupLineInterpolated($"calibration: {r.Calibration}");
        output.MarkupLineInterpolated($"wrote {candidatePath}");
        if (r.Recommended) output.MarkupLineInterpolated($"[green]recommended[/]: {r.Reason}; switch with POST /api/models/active {{\"model\": \"{Path.GetFileName(candidatePath)}\"}}");
        else output.MarkupLineInterpolated($"[yellow]not recommended[/]: {r.Reason}");
    }

    private static JsonObject ToJson(AdaptationReport r, AdaptRequest request, StoredSessions stored, int trained)
    {
        static JsonObject Figures(ModelFigures f) => new()
        {
            ["wa"] = Number(f.Metrics.Wa), ["ua"] = Number(f.Metrics.Ua), ["macro_f1"] = Number(f.Metrics.MacroF1), ["ece"] = Number(f.Ece),
        };
        static JsonNode? Number(double x) => double.IsFinite(x) ? x : null;
        return new JsonObject
        {
            ["current"] = request.Model,
            ["model"] = request.Out,
            ["corpora"] = MetricsReport.Strings(request.Corpora),
            ["sessions"] = MetricsReport.Strings(stored.Sessions.Select(s => s.Id)),
            ["skipped"] = MetricsReport.Strings(stored.Skipped),
            ["corrections_trained"] = trained,
            ["corrections_held_out"] = r.HeldOut,
            ["none_of_these"] = stored.NoneOfThese,
            ["current_figures"] = Figures(r.Current),
            ["new_figures"] = Figures(r.Candidate),
            ["temperatures"] = MetricsReport.Temperatures(r.Temperatures),
            ["calibration"] = r.Calibration,
            ["recommended"] = r.Recommended,
            ["reason"] = r.Reason,
        };
    }
}
