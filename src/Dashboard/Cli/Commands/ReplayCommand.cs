using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EmoStream.Capture.Sources;
using EmoStream.Capture.Streams;
using EmoStream.Dashboard.Api;
using EmoStream.Dashboard.Pipeline;
using EmoStream.Dashboard.Storage;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli.Commands;

/// <summary><c>emostream replay FILE</c>: one recording through the whole live pipeline, results in the terminal and stored.</summary>
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
            Description = "Speaker of each channel, e.g. agent,customer (keeps channels apart); default: one mixed speaker",
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries)).ToArray(),
            DefaultValueFactory = _ => [],
        };
        speakers.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string[]>().Any(string.IsNullOrEmpty)) r.AddError("--speakers: expected comma-separated names, got an empty one");
        });
        var command = new Command("replay", "Run a recording through the live pipeline (VAD, transcription, model, storage) and print each utterance")
        {
            file, realtime, json, model, speakers,
        };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(file)!.FullName, parse.GetValue(realtime), parse.GetValue(json)?.FullName,
            parse.GetValue(model)?.FullName, parse.GetValue(speakers)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string path, bool realtime, string? jsonPath, string? modelPath,
        string[] speakers, CancellationToken ct)
    {
        modelPath ??= context.Configuration["Models:Default"] is { Length: > 0 } configured ? Path.GetFullPath(configured) : null;
        if (modelPath is null)
            throw new CliUsageException("replay needs a model: pass --model FILE (a causal model from `emostream train --mode causal --out FILE`) or set Models:Default in appsettings.json");

        var replay = context.Configuration.GetSection(ReplayOptions.SectionName).Get<ReplayOptions>() ?? new ReplayOptions();
        replay.Pacing = realtime ? ReplayPacing.RealTime : ReplayPacing.AsFastAsPossible;
        if (SpeakerNames.Repeated(speakers) is { } twice)
            throw new CliUsageException($"--speakers: '{twice}' is named twice; each channel needs its own speaker");
        if (speakers.Length > 0)
        {
            replay.ChannelPerSpeaker = true;
            replay.SpeakerNames = speakers;
        }
        IReadOnlyList<string> names = replay.ChannelPerSpeaker ? replay.EffectiveSpeakerNames : [replay.MixedSpeakerName];

        await using var host = await PipelineHost.CreateAsync(context.Configuration, modelPath, context.Loggers, ct);
        context.Error.MarkupLineInterpolated(
            $"[bold]replaying[/] {path} ({(realtime ? "real time" : "as fast as possible")}) with model {host.Model.Id}; transcription: {host.Transcription.Engine.ToString().ToLowerInvariant()} ({host.Transcription.Reason})");
        var session = await host.StartSessionAsync(new FileReplaySource(path, replay), SessionKind.Replay, names, ct);
        // Ctrl+C stops capturing; what was already captured is still scored and stored.
        await using var stop = ct.Register(() => _ = session.StopAsync());

        var results = new List<UtteranceRecord>();
        await foreach (var result in session.Results.ReadAllAsync(CancellationToken.None))
        {
            results.Add(result);
            context.Output.WriteLine(Describe(result));
            context.Error.MarkupLineInterpolated($"[grey]{results.Count} utterance(s), {result.End:F1} s of audio[/]");
        }
        var outcome = await session.Completion;
        if (jsonPath is not null) WriteJson(jsonPath, results);

        var database = (context.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions()).DatabasePath;
        context.Error.MarkupLineInterpolated(
            $"session {session.Id}: {outcome.Status.ToString().ToLowerInvariant()}, {outcome.Utterances} utterance(s) stored in {database}");
        return outcome.Status switch
        {
            SessionStatus.Completed => ExitCodes.Ok,
            SessionStatus.Stopped => ExitCodes.Cancelled,
            _ => Failed(context, outcome),
        };
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

    private static void WriteJson(string path, IReadOnlyList<UtteranceRecord> results)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, SessionExport.Json(results).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
