using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using EmoStream.Dashboard.Cli.Adaptation;
using EmoStream.Dashboard.Cli.Output;
using EmoStream.Inference.Adaptation;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Evaluation;
using EmoStream.Inference.Model;
using EmoStream.Inference.Statistics;
using EmoStream.Inference.Training;
using EmoStream.Sessions.Models;
using EmoStream.Sessions.Storage;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli.Commands;

/// <summary>
/// <c>emostream experiment adapt</c>: what <c>adapt</c> gains on a domain, measured as the paper measures. Stored
/// sessions replayed from assembled conversations of a target corpus stand for the user's calls: those of the
/// adaptation speakers give unlabeled dialogues and a few corrections per class (drawn from their true labels, as a
/// supervisor would give them), those of held-out speakers are scored. Per seed, the recipe without sessions is the
/// baseline; each correction budget is compared with it over the same seeds with the paired tests of table2.
/// </summary>
public static class AdaptExperimentCommand
{
    public static Command Create(CliContext context)
    {
        var trainingDefaults = context.Options<TrainingOptions>();
        var model = new Option<FileInfo>("--model") { Description = "Model whose shape and featurizers are adapted; also scored as the reference (default Models:Default)" }.AcceptExistingOnly();
        var corpus = CommandOptions.Corpora();
        corpus.Description = "Labeled source corpus folder(s): the recipe's labeled dialogues";
        var adaptConversations = new Option<DirectoryInfo>("--adapt-conversations") { Description = "Assembled conversations of the adaptation speakers, replayed into the store", Required = true }.AcceptExistingOnly();
        var testConversations = new Option<DirectoryInfo>("--test-conversations") { Description = "Assembled conversations of the held-out speakers, replayed into the store", Required = true }.AcceptExistingOnly();
        var corrections = new Option<int[]>("--corrections")
        {
            Description = "Corrections per class to draw from the adaptation speakers' sessions, e.g. 0,10,50",
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .Select(v => int.TryParse(v, CultureInfo.InvariantCulture, out var k) && k >= 0 ? k : throw new CliUsageException($"--corrections: '{v}' is not a count")).Distinct().Order().ToArray(),
            DefaultValueFactory = _ => [0, 10, 50],
        };
        var transductive = new Option<bool>("--test-sessions-unlabeled")
        {
            Description = "Also train on the held-out speakers' sessions as unlabeled dialogues (the paper uses the test session so)",
            DefaultValueFactory = _ => true,
        };
        var runs = new Option<int>("--runs") { Description = "Seeds S..S+R-1", DefaultValueFactory = _ => 3 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs per training", DefaultValueFactory = _ => trainingDefaults.Epochs };
        var seed = new Option<int>("--seed") { Description = "First seed", DefaultValueFactory = _ => trainingDefaults.Seed };
        var json = CommandOptions.Json();
        var command = new Command("adapt", "Domain adaptation from stored sessions: WA/UA on held-out speakers before and after, over seeds, with paired tests")
        {
            model, corpus, adaptConversations, testConversations, corrections, transductive, runs, epochs, seed, json,
        };
        command.SetAction((parse, ct) =>
        {
            var options = trainingDefaults.With(o =>
            {
                o.Epochs = parse.GetValue(epochs);
                o.Seed = parse.GetValue(seed);
            });
            var request = new Request(DefaultModel.Resolve(parse.GetValue(model), context.Options<ModelsOptions>()),
                parse.GetValue(corpus)!.Select(d => d.FullName).ToArray(), parse.GetValue(adaptConversations)!.FullName, parse.GetValue(testConversations)!.FullName,
                parse.GetValue(corrections)!, parse.GetValue(transductive), parse.GetValue(runs), parse.GetValue(json)?.FullName);
            return RunAsync(context, request, options, ct);
        });
        return command;
    }

    private sealed record Request(string Model, string[] Corpora, string AdaptConversations, string TestConversations, int[] Corrections, bool Transductive,
        int Runs, string? Json);

    private sealed record Outcome(int Seed, int? Corrections, ClassificationMetrics Test, int Trained);

    private static async Task<int> RunAsync(CliContext context, Request request, TrainingOptions options, CancellationToken ct)
    {
        try { options.Validate(); }
        catch (ArgumentException e) { throw new CliUsageException(e.Message); }
        if (request.Runs < 1) throw new CliUsageException($"--runs must be at least 1, got {request.Runs}");
        var clock = Stopwatch.StartNew();
        var (reference, metadata) = ModelFile.Load(request.Model);
        using var _reference = reference;
        var classes = metadata.Classes;

        StoredSessions adaptSessions, testSessions;
        IReadOnlyList<LabeledUtterance> adaptTruth, testTruth;
        await using (var store = await SessionStores.OpenAsync(context.Options<StorageOptions>(), ct))
        {
            var ended = await new SessionSelection([], null, null, []).SelectAsync(store, ct);
            (adaptTruth, var adaptRecords) = await ConversationTruth.MatchAsync(store, ended, Corpus.Load(request.AdaptConversations), ct);
            (testTruth, var testRecords) = await ConversationTruth.MatchAsync(store, ended, Corpus.Load(request.TestConversations), ct);
            adaptSessions = await StoredSessionReader.ReadAsync(store, adaptRecords, metadata, ct);
            testSessions = await StoredSessionReader.ReadAsync(store, testRecords, metadata, ct);
        }
        if (adaptSessions.Sessions.Count == 0 || testSessions.Sessions.Count == 0)
            throw new CliUsageException($"the store holds {adaptSessions.Sessions.Count} session(s) of {request.AdaptConversations} and {testSessions.Sessions.Count} of {request.TestConversations} with features: " +
                "replay each conversation (DIALOGUE.wav, its speakers as channel names) into the configured store first (docs/RESULTS.md)");
        context.Error.MarkupLineInterpolated($"[bold]experiment adapt[/]: {adaptSessions.Sessions.Count} adaptation sessions ({adaptTruth.Count} utterances with a true label), {testSessions.Sessions.Count} held-out sessions ({testTruth.Count} scored); corrections per class {string.Join(", ", request.Corrections)}; {request.Runs} seed(s) from {options.Seed}, {options.Epochs} epochs");

        var corpora = request.Corpora.Select(Corpus.Load).ToArray();
        var scoring = AdaptationInputs.Build([], testSessions.Sessions, metadata);
        var heldOut = scoring.Encode(testTruth, classes);
        try
        {
            var referenceMetrics = DialoguePredictor.Score(DialoguePredictor.Predict(reference, heldOut, metadata.Temperatures), classes.Count);
            context.Error.MarkupLineInterpolated($"reference {Path.GetFileName(request.Model)}: WA {referenceMetrics.Wa:P1}, UA {referenceMetrics.Ua:P1}");
            var outcomes = new List<Outcome>();
            for (var run = 0; run < request.Runs; run++)
            {
                var seed = options.Seed + run;
                var seeded = options.With(o => o.Seed = seed);
                outcomes.Add(Train(context, corpora, [], metadata, seeded, heldOut, classes, null, 0, clock, ct));
                foreach (var k in request.Corrections)
                {
                    var drawn = Draw(adaptTruth, k, seed);
                    IReadOnlyList<AdaptationSession> sessions = [.. Adapter.WithLabels(adaptSessions.Sessions, drawn), .. request.Transductive ? Adapter.WithLabels(testSessions.Sessions, []) : []];
                    outcomes.Add(Train(context, corpora, sessions, metadata, seeded, heldOut, classes, k, drawn.Count, clock, ct));
                }
            }
            var rows = Rows(outcomes, request.Corrections);
            Print(context.Output, rows, referenceMetrics, $"{Path.GetFileName(request.TestConversations)}: {testTruth.Count} utterances of held-out speakers, {request.Runs} seed(s), {clock.Elapsed.TotalMinutes:F1} min");
            if (request.Json is not null) MetricsReport.WriteJson(request.Json, ToJson(request, options, rows, referenceMetrics, outcomes, adaptTruth.Count, testTruth.Count));
            return ExitCodes.Ok;
        }
        finally
        {
            foreach (var d in heldOut) d.Dispose();
        }
    }

    private static Outcome Train(CliContext context, Corpus[] corpora, IReadOnlyList<AdaptationSession> sessions, ModelMetadata metadata, TrainingOptions options,
        IReadOnlyList<EncodedDialogue> heldOut, IReadOnlyList<string> classes, int? corrections, int trained, Stopwatch clock, CancellationToken ct)
    {
        var inputs = AdaptationInputs.Build(corpora, sessions, metadata);
        var (model, _, _, _) = Adapter.Train(inputs, metadata.Architecture, options, ct: ct);
        using var _model = model;
        var metrics = DialoguePredictor.Score(DialoguePredictor.Predict(model, heldOut), classes.Count);
        var what = corrections is null ? "without sessions" : $"sessions + {corrections} corrections per class ({trained} drawn)";
        context.Error.MarkupLineInterpolated($"seed {options.Seed}, {what}: WA {metrics.Wa:P1}, UA {metrics.Ua:P1}  [grey]{clock.Elapsed.TotalMinutes:F1} min in all[/]");
        return new Outcome(options.Seed, corrections, metrics, trained);
    }

    /// <summary>Up to <paramref name="perClass"/> labeled utterances of each class, drawn by the seed; a smaller budget's draw is part of a larger one's.</summary>
    internal static IReadOnlyList<LabeledUtterance> Draw(IReadOnlyList<LabeledUtterance> truth, int perClass, int seed) =>
        truth.GroupBy(t => t.Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany((g, c) =>
            {
                var items = g.OrderBy(t => t.SessionId, StringComparer.Ordinal).ThenBy(t => t.Index).ToArray();
                new Random(seed * 1009 + c).Shuffle(items);
                return items.Take(perClass);
            }).ToArray();

    private sealed record Row(string System, double[] Wa, double[] Ua, PairedTestResult? WaT, PairedTestResult? WaWilcoxon, PairedTestResult? UaT);

    private static IReadOnlyList<Row> Rows(IReadOnlyList<Outcome> outcomes, int[] budgets)
    {
        var baseline = outcomes.Where(o => o.Corrections is null).OrderBy(o => o.Seed).ToArray();
        var rows = new List<Row> { new("recipe without sessions (before)", [.. baseline.Select(o => o.Test.Wa)], [.. baseline.Select(o => o.Test.Ua)], null, null, null) };
        foreach (var k in budgets)
        {
            var after = outcomes.Where(o => o.Corrections == k).OrderBy(o => o.Seed).ToArray();
            double[] wa = [.. after.Select(o => o.Test.Wa)], ua = [.. after.Select(o => o.Test.Ua)];
            var paired = after.Length >= 2;
            rows.Add(new Row($"+ sessions, {k} corrections/class", wa, ua,
                paired ? PairedTests.TTest([.. baseline.Select(o => o.Test.Wa)], wa) : null,
                paired ? PairedTests.Wilcoxon([.. baseline.Select(o => o.Test.Wa)], wa) : null,
                paired ? PairedTests.TTest([.. baseline.Select(o => o.Test.Ua)], ua) : null));
        }
        return rows;
    }

    private static string MeanSd(double[] x)
    {
        var mean = x.Average();
        var sd = x.Length < 2 ? 0 : Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
        return string.Create(CultureInfo.InvariantCulture, $"{100 * mean:F1} ± {100 * sd:F1}");
    }

    private static void Print(IAnsiConsole output, IReadOnlyList<Row> rows, ClassificationMetrics reference, string title)
    {
        static string P(PairedTestResult? t) => t is null ? "-" : t.PValue.ToString("F3", CultureInfo.InvariantCulture);
        var before = rows[0];
        var table = new Table().Title(Markup.Escape(title)).AddColumns("system", "WA % (mean ± sd)", "UA %", "WA diff", "p (t, WA)", "p (Wilcoxon, WA)", "p (t, UA)");
        foreach (var r in rows)
            table.AddRow(Markup.Escape(r.System), MeanSd(r.Wa), MeanSd(r.Ua),
                r == before ? "" : string.Create(CultureInfo.InvariantCulture, $"{100 * (r.Wa.Average() - before.Wa.Average()):+0.0;-0.0}"),
                P(r.WaT), P(r.WaWilcoxon), P(r.UaT));
        output.Write(table);
        output.MarkupLineInterpolated($"reference (the model adapted from, as it is): WA {100 * reference.Wa:F1}%, UA {100 * reference.Ua:F1}%");
    }

    private static JsonObject ToJson(Request request, TrainingOptions options, IReadOnlyList<Row> rows, ClassificationMetrics reference,
        IReadOnlyList<Outcome> outcomes, int adaptLabeled, int testLabeled)
    {
        static JsonNode? Test(PairedTestResult? t) => t is null ? null : new JsonObject { ["statistic"] = t.Statistic, ["p"] = t.PValue, ["pairs"] = t.Pairs, ["method"] = t.Method };
        return new JsonObject
        {
            ["model"] = request.Model,
            ["corpora"] = MetricsReport.Strings(request.Corpora),
            ["adapt_conversations"] = request.AdaptConversations,
            ["test_conversations"] = request.TestConversations,
            ["test_sessions_unlabeled"] = request.Transductive,
            ["adapt_labeled_utterances"] = adaptLabeled,
            ["test_utterances"] = testLabeled,
            ["epochs"] = options.Epochs,
            ["first_seed"] = options.Seed,
            ["runs"] = request.Runs,
            ["reference"] = new JsonObject { ["wa"] = reference.Wa, ["ua"] = reference.Ua },
            ["rows"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
            {
                ["system"] = r.System,
                ["wa"] = new JsonArray(r.Wa.Select(x => (JsonNode)x).ToArray()),
                ["ua"] = new JsonArray(r.Ua.Select(x => (JsonNode)x).ToArray()),
                ["wa_t"] = Test(r.WaT),
                ["wa_wilcoxon"] = Test(r.WaWilcoxon),
                ["ua_t"] = Test(r.UaT),
            }).ToArray()),
            ["runs_detail"] = new JsonArray(outcomes.Select(o => (JsonNode)new JsonObject
            {
                ["seed"] = o.Seed, ["corrections_per_class"] = o.Corrections, ["corrections_drawn"] = o.Trained, ["wa"] = o.Test.Wa, ["ua"] = o.Test.Ua,
            }).ToArray()),
        };
    }
}
