using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EmoStream.Capture.Sources;
using EmoStream.Capture.Streams;
using EmoStream.Sessions;
using EmoStream.Sessions.Alerts;
using EmoStream.Sessions.Export;
using EmoStream.Sessions.Pipeline;
using EmoStream.Sessions.Storage;
using EmoStream.Transcribe;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli.Commands;

/// <summary><c>emostream replay FILE</c>: one recording through the whole live pipeline, results and alerts in the terminal and stored.</summary>
public static class ReplayCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Recording to replay (any format ffmpeg reads)" }.AcceptExistingOnly();
        var realtime = new Option<bool>("--realtime") { Description = "Release the audio at its own pace, as if live (default: as fast as possible)" };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the results to this JSON file (an array, one object per utterance)" };
        var model = new Option<FileInfo?>("--model") { Description = "Causal model file (from `emostream train --mode causal --out FILE`); default Models:Default" };
        var speakers = new Option<string[]>("--speakers")
        {
            Description = "Speaker of each channel, e.g. agent,customer (keeps channels apart); on a mono recording, two or more names (or a count, e.g. 2) find who spoke when from the voices; default: one mixed speaker",
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries)).ToArray(),
            DefaultValueFactory = _ => [],
        };
        speakers.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string[]>().Any(string.IsNullOrEmpty)) r.AddError("--speakers: expected comma-separated names, got an empty one");
        });
        var transcript = new Option<FileInfo?>("--transcript")
        {
            Description = "The recording's transcript (WebVTT, SRT, or JSON [{start, end, speaker?, text}]): each utterance takes the text of its cues and no speech recognition runs",
        };
        var command = new Command("replay", "Run a recording through the live pipeline (VAD, transcription, model, storage) and print each utterance")
        {
            file, realtime, json, model, speakers, transcript,
        };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(file)!.FullName, parse.GetValue(realtime), parse.GetValue(json)?.FullName,
            parse.GetValue(model)?.FullName, parse.GetValue(speakers)!, parse.GetValue(transcript)?.FullName, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string path, bool realtime, string? jsonPath, string? modelPath,
        string[] speakers, string? transcriptPath, CancellationToken ct)
    {
        var configured = context.Options<ModelsOptions>().Default;
        modelPath ??= configured is { Length: > 0 } ? Path.GetFullPath(configured) : null;
        if (modelPath is null)
            throw new CliUsageException("replay needs a model: pass --model FILE (a causal model from `emostream train --mode causal --out FILE`) or set Models:Default in appsettings.json");

        if (SpeakerNames.Repeated(speakers) is { } twice)
            throw new CliUsageException($"--speakers: '{twice}' is named twice; each channel needs its own speaker");
        var replay = context.Options<ReplayOptions>().With(realtime ? ReplayPacing.RealTime : ReplayPacing.AsFastAsPossible, speakers);
        // Read before anything loads: a malformed transcript is the user's mistake, told at once.
        var transcript = transcriptPath is null ? null : TranscriptFile.Read(transcriptPath);
        await using var sessions = await SessionRegistry.CreateAsync(context.Services, modelPath, ct);
        var transcription = transcript is null
            ? $"{sessions.Transcription.Engine.ToString().ToLowerInvariant()} ({sessions.Transcription.Reason})"
            : $"{GivenTranscripts.EngineName} ({transcript.Count} cue(s) from {transcriptPath})";
        context.Error.MarkupLineInterpolated(
            $"[bold]replaying[/] {path} ({(realtime ? "real time" : "as fast as possible")}) with model {sessions.Model.Id}; transcription: {transcription}");
        var printer = new Printer(context);
        using var subscription = sessions.Subscribe(printer);
        var session = await sessions.StartReplayAsync(path, replay, ct, transcript: transcript, transcriptName: transcriptPath);
        // Ctrl+C stops capturing; what was already captured is still scored, stored and printed.
        await using var stop = ct.Register(() => _ = session.Pipeline.StopAsync());
        await session.Completion;
        var outcome = await session.Pipeline.Completion;
        if (jsonPath is not null) WriteJson(jsonPath, printer.Results);

        context.Error.MarkupLineInterpolated(
            $"session {session.Id}: {outcome.Status.ToString().ToLowerInvariant()}, {outcome.Utterances} utterance(s) stored in {context.Options<StorageOptions>().DatabasePath}");
        return outcome.Status switch
        {
            SessionStatus.Completed => ExitCodes.Ok,
            SessionStatus.Stopped => ExitCodes.Cancelled,
            _ => Failed(context, outcome),
        };
    }

    /// <summary>Prints each result as the session stores it, and each alert it raises, extends or ends.</summary>
    private sealed class Printer(CliContext context) : ISessionObserver
    {
        public List<UtteranceRecord> Results { get; } = [];

        public Task StartedAsync(RunningSession session) => Task.CompletedTask;

        public Task UtteranceAsync(RunningSession session, UtteranceRecord result)
        {
            Results.Add(result);
            context.Output.WriteLine(Describe(result));
            if (result.Alert is { } alert) context.Output.WriteLine(Describe(alert));
            context.Error.MarkupLineInterpolated($"[grey]{Results.Count} utterance(s), {result.End:F1} s of audio[/]");
            return Task.CompletedTask;
        }

        public Task EndedAsync(RunningSession session, SessionOutcome outcome) => Task.CompletedTask;
    }

    private static int Failed(CliContext context, SessionOutcome outcome)
    {
        context.Error.MarkupLineInterpolated($"[red]error:[/] {outcome.Detail}");
        return outcome.Utterances > 0 ? ExitCodes.PartialFailure : ExitCodes.UserError;
    }

    /// <summary>One line per utterance: speaker, times, emotion, every class's probability, then the transcript.</summary>
    internal static string Describe(UtteranceRecord r)
    {
        var probabilities = string.Join(" ", r.Probabilities.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value:F2}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{r.Speaker}\t{r.Start:F2}\t{r.End:F2}\t{r.Emotion}\t{probabilities}\t{r.Transcript ?? "-"}");
    }

    /// <summary>
    /// An alert as it stands after the utterance printed above it, as a comment line (<c>#</c>) so that tools reading
    /// the tab-separated utterances can skip it: <c># alert N: SPEAKER angry 2, sad 1 for 3 utterances in a row, 4.20-9.80 s, ongoing</c>.
    /// </summary>
    internal static string Describe(AlertRecord a)
    {
        var counts = string.Join(", ", a.Counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"# alert {a.Number}: {a.Speaker} {counts} for {a.Length} utterances in a row, {a.Start:F2}-{a.End:F2} s, {(a.Ongoing ? "ongoing" : "ended")}");
    }

    private static void WriteJson(string path, IReadOnlyList<UtteranceRecord> results)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, SessionExport.Json(results).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
