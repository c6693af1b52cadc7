using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmoStream.Dashboard.Cli.Conversations;
using EmoStream.Sessions.Models;
using EmoStream.Sessions;
using EmoStream.Sessions.Pipeline;
using EmoStream.Inference.Evaluation;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli.Commands;

/// <summary>
/// <c>emostream evaluate-conversations</c>: the product-level measure. Conversations assembled from a corpus's clips
/// (or its own dialogues) are replayed through the real pipeline; turns found, split and missed, turn WA/UA, the same
/// clips one by one, and the mean fusion weight of each modality.
/// </summary>
public static class EvaluateConversationsCommand
{
    private static readonly string[] Engines = ["auto", "whisper", "pocketsphinx", "none", "corpus"];

    public static Command Create(CliContext context)
    {
        var shared = new ConversationCommandOptions(defaultGaps: "1");
        var model = new Option<FileInfo?>("--model") { Description = "Causal model file (default Models:Default)" };
        var engine = new Option<string>("--engine")
        {
            Description = "Transcription: auto, whisper, pocketsphinx, none, or corpus (each turn's own transcript: what a perfect ASR would say)",
            DefaultValueFactory = _ => "auto",
        };
        engine.AcceptOnlyFromAmong(Engines);
        var diarize = new Option<bool>("--diarize")
        {
            Description = "With --mono: split each conversation into its speakers by voice, as `replay --speakers` does, and report how many found turns got their own speaker",
        };
        var json = CommandOptions.Json();
        var command = new Command("evaluate-conversations", "Replay assembled conversations through the live pipeline and report turn-level figures")
        {
            model, engine, diarize, json,
        };
        foreach (var option in shared.All) command.Options.Add(option);
        command.SetAction((parse, ct) => RunAsync(context, shared, parse, DefaultModel.Resolve(parse.GetValue(model), context.Options<ModelsOptions>()),
            parse.GetValue(engine)!, parse.GetValue(diarize), parse.GetValue(json)?.FullName, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ConversationCommandOptions shared, ParseResult parse, string modelPath, string engine,
        bool diarize, string? jsonPath, CancellationToken ct)
    {
        var renderer = shared.Renderer(parse);
        if (diarize && renderer.Stereo) throw new CliUsageException("--diarize splits a mono recording into its speakers: give --mono too");
        var corpora = shared.Plans(parse);
        var work = Directory.CreateTempSubdirectory("emostream-conversations-");
        try
        {
            // The user's configuration, with the chosen engine and a store of its own: evaluation never fills the user's session list.
            var configuration = new ConfigurationBuilder().AddConfiguration(context.Configuration).AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Transcription:Engine"] = engine == "corpus" ? "none" : engine,
                ["Storage:DataDirectory"] = work.FullName,
                ["Storage:StoreAudio"] = "false",
                ["Storage:StoreFeatures"] = "false", // a throw-away store: nothing to adapt from later
            }).Build();
            await using var sessions = await SessionRegistry.CreateAsync(configuration, modelPath, context.Loggers, cancellationToken: ct);
            var text = engine == "corpus" ? "the corpus transcripts" : $"{sessions.Transcription.Engine.ToString().ToLowerInvariant()} ({sessions.Transcription.Reason})";
            context.Error.MarkupLineInterpolated($"[bold]evaluating[/] {sessions.Model.Id} on {corpora.Sum(c => c.Plans.Count)} conversation(s), {(renderer.Stereo ? "stereo" : diarize ? "mono, diarized" : "mono")}; text: {text}");
            var evaluator = new ConversationEvaluator(sessions, renderer, engine == "corpus", work.FullName, diarize);
            using var subscription = sessions.Subscribe(evaluator.Observer);
            var (vad, segmentation) = ConversationCommandOptions.Capture(context);
            using var _vad = vad;
            var plans = ConversationCommandOptions.Work(corpora, vad, segmentation);
            var progress = new Progress<EvaluateProgress>(p => context.Error.MarkupLineInterpolated(
                $"[grey]{p.Done}/{p.Total} conversations, {p.Turns} labeled turns, turn accuracy so far {p.TurnAccuracy:F3}[/]"));
            var result = await evaluator.EvaluateAsync(plans, parse.GetValue(shared.Seed), progress, ct);
            Print(context.Output, result);
            if (jsonPath is not null) WriteJson(jsonPath, result, modelPath, engine, renderer.Stereo ? "stereo" : diarize ? "mono-diarized" : "mono", parse.GetValue(shared.Seed));
            return ExitCodes.Ok;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void Print(IAnsiConsole output, ConversationEvaluation r)
    {
        static string F(double x) => x.ToString("F3", CultureInfo.InvariantCulture);
        var table = new Table().AddColumns("conversations", "turns", "found", "split", "misaligned", "missed", "turn WA", "turn UA", "clip WA", "clip UA",
            "audio weight", "text weight", "ECE");
        table.AddRow(r.Conversations.ToString(), r.Turns.ToString(), r.Found.ToString(), r.Split.ToString(), r.Misaligned.ToString(), r.Missed.ToString(),
            F(r.Turn.Wa), F(r.Turn.Ua), F(r.Clip.Wa), F(r.Clip.Ua), F(r.Weights[ModalityNames.Audio]), F(r.Weights[ModalityNames.Text]), F(r.Ece));
        output.Write(table);
        if (r.SpeakerRight is { } right)
            output.MarkupLineInterpolated($"speakers (diarized): {right} of {r.Found} found turns given their own speaker ({(r.Found == 0 ? double.NaN : (double)right / r.Found):P1})");
        var confusion = new Table().Title("turns: rows truth, columns prediction (a missed turn is in no column)").AddColumn("");
        foreach (var c in r.Classes) confusion.AddColumn(c);
        for (var i = 0; i < r.Classes.Count; i++) confusion.AddRow([r.Classes[i], .. r.Turn.Confusion[i].Select(x => x.ToString())]);
        output.Write(confusion);
    }

    private static void WriteJson(string path, ConversationEvaluation r, string model, string engine, string layout, int seed)
    {
        static JsonArray Matrix(int[][] m) => new(m.Select(row => (JsonNode)new JsonArray(row.Select(x => (JsonNode)x).ToArray())).ToArray());
        var json = new JsonObject
        {
            ["model"] = model,
            ["engine"] = engine,
            ["layout"] = layout,
            ["seed"] = seed,
            ["conversations"] = r.Conversations,
            ["turns"] = r.Turns,
            ["found"] = r.Found,
            ["split"] = r.Split,
            ["misaligned"] = r.Misaligned,
            ["missed"] = r.Missed,
            ["speaker_right"] = r.SpeakerRight,
            ["labeled_turns"] = r.Turn.Count,
            ["wa"] = r.Turn.Wa,
            ["ua"] = r.Turn.Ua,
            ["macro_f1"] = r.Turn.MacroF1,
            ["clip_wa"] = r.Clip.Wa,
            ["clip_ua"] = r.Clip.Ua,
            ["weights"] = new JsonObject { ["audio"] = r.Weights[ModalityNames.Audio], ["text"] = r.Weights[ModalityNames.Text] },
            ["scored_utterances"] = r.ScoredUtterances,
            ["ece"] = double.IsNaN(r.Ece) ? null : r.Ece,
            ["classes"] = new JsonArray(r.Classes.Select(c => (JsonNode)c).ToArray()),
            ["confusion"] = Matrix(r.Turn.Confusion),
            ["clip_confusion"] = Matrix(r.Clip.Confusion),
            ["details"] = new JsonArray(r.Details.Select(d => (JsonNode)new JsonObject
            {
                ["conversation"] = d.Conversation,
                ["turn"] = d.Turn,
                ["speaker"] = d.Speaker,
                ["start"] = Math.Round(d.Start, 3),
                ["end"] = Math.Round(d.End, 3),
                ["label"] = d.Label,
                ["outcome"] = d.Outcome.ToString().ToLowerInvariant(),
                ["detected"] = new JsonArray(d.Detected.Select(x => (JsonNode)new JsonArray(Math.Round(x.Start, 3), Math.Round(x.End, 3))).ToArray()),
                ["predicted"] = d.Predicted,
                ["clip"] = d.Clip,
            }).ToArray()),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
