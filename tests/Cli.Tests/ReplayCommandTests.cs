using System.Text.Json;
using EmoStream.Dashboard.Cli;
using EmoStream.Sessions.Storage;
using EmoStream.Sessions.Tests.Support;
using EmoStream.Testing;
using Microsoft.Data.Sqlite;

namespace EmoStream.Cli.Tests;

/// <summary><c>emostream replay</c> on a two-channel call assembled from real speech, with a model trained by the real verbs.</summary>
[Collection(TrainedModelCollection.Name)]
public sealed class ReplayCommandTests(TrainedModel model) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-replay-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private Dictionary<string, string?> Settings(string engine) => new()
    {
        ["Storage:DataDirectory"] = Path.Combine(_dir, "data"),
        ["Transcription:Engine"] = engine,
        ["Models:Default"] = "",
    };

    [Fact]
    public async Task Replays_a_call_prints_one_line_per_utterance_writes_the_json_and_stores_the_session()
    {
        var clips = RavdessClips.Of("03", ["angry", "sad"], 2).Concat(RavdessClips.Of("04", ["happy", "sad"], 2))
            .Select(c => c.Path).ToArray();
        var call = Path.Combine(_dir, "call.wav");
        // agent, customer, agent, customer on their own channels.
        var turns = SpeechConversation.Write(call, [clips[0], clips[2], clips[1], clips[3]], channelPerSpeaker: true);
        var json = Path.Combine(_dir, "out", "call.json");

        var run = await CliRunner.RunAsync(Settings("pocketsphinx"), "replay", call, "--model", model.Path!, "--speakers", "agent,customer", "--json", json);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Stderr);
        Assert.Contains("transcription: pocketsphinx", run.Stderr);
        var printed = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Alert lines are comments, each right after the utterance that raised, extended or ended the alert.
        var lines = printed.Where(l => !l.StartsWith('#')).ToArray();
        var items = JsonDocument.Parse(File.ReadAllText(json)).RootElement.EnumerateArray().ToArray();
        Assert.Equal(lines.Length, items.Length);
        Assert.Equal(items.Count(i => i.GetProperty("alert").ValueKind != JsonValueKind.Null), printed.Count(l => l.StartsWith("# alert ", StringComparison.Ordinal)));
        Assert.InRange(items.Length, 4, 8);
        foreach (var (line, item) in lines.Zip(items))
        {
            Assert.Equal(["speaker", "start", "end", "text", "emotion", "correction", "probabilities", "weights", "alert"], item.EnumerateObject().Select(p => p.Name));
            var probabilities = item.GetProperty("probabilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
            Assert.Equal(["happy", "neutral", "angry", "sad"], probabilities.Keys);
            Assert.Equal(1.0, probabilities.Values.Sum(), 4);
            Assert.Equal(probabilities.MaxBy(p => p.Value).Key, item.GetProperty("emotion").GetString());
            Assert.Equal(["audio", "text"], item.GetProperty("weights").EnumerateObject().Select(p => p.Name));
            var fields = line.Split('\t');
            Assert.Equal(item.GetProperty("speaker").GetString(), fields[0]);
            Assert.Equal(item.GetProperty("emotion").GetString(), fields[3]);
            Assert.Equal(item.GetProperty("text").GetString() ?? "-", fields[5]);
        }
        // Each speaker is heard on their own channel, at the times their turns were placed.
        var speakers = items.Select(i => i.GetProperty("speaker").GetString()).ToArray();
        Assert.Contains("agent", speakers);
        Assert.Contains("customer", speakers);
        foreach (var item in items)
        {
            var start = item.GetProperty("start").GetDouble();
            var turn = turns.Select((t, i) => (t, i)).Single(x => start >= x.t.Start - 0.5 && start < x.t.End);
            Assert.Equal(turn.i % 2 == 0 ? "agent" : "customer", item.GetProperty("speaker").GetString());
        }
        Assert.Contains(items, i => i.GetProperty("text").GetString() is { Length: > 0 });

        var store = await SqliteSessionStore.OpenAsync(Path.Combine(_dir, "data", "emostream.db"));
        var session = Assert.Single(await store.ListSessionsAsync());
        Assert.Equal(SessionStatus.Completed, session.Status);
        Assert.Equal(["agent", "customer"], session.Speakers);
        var stored = await store.GetUtterancesAsync(session.Id);
        Assert.Equal(items.Select(i => i.GetProperty("start").GetDouble()), stored.Select(u => u.Start));
        Assert.Equal(items.Select(i => i.GetProperty("text").GetString()), stored.Select(u => u.Transcript));
    }

    [Fact]
    public async Task A_transcript_file_gives_the_utterances_their_text_without_speech_recognition()
    {
        var clips = RavdessClips.Of("03", ["angry", "sad"], 1).Concat(RavdessClips.Of("04", ["happy"], 1)).Select(c => c.Path).ToArray();
        var call = Path.Combine(_dir, "call.wav");
        var turns = SpeechConversation.Write(call, clips, channelPerSpeaker: false);
        string Time(double s) => TimeSpan.FromSeconds(s).ToString(@"hh\:mm\:ss\,fff", System.Globalization.CultureInfo.InvariantCulture);
        var srt = Path.Combine(_dir, "call.srt");
        await File.WriteAllTextAsync(srt, string.Join("\n", turns.Select((t, i) => $"{i + 1}\n{Time(t.Start)} --> {Time(t.End)}\nline {i + 1}\n")));
        var json = Path.Combine(_dir, "call.json");

        // Engine none: any text must come from the transcript.
        var run = await CliRunner.RunAsync(Settings("none"), "replay", call, "--model", model.Path!, "--transcript", srt, "--json", json);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Stderr);
        Assert.Contains($"transcription: transcript ({turns.Count} cue(s)", System.Text.RegularExpressions.Regex.Replace(run.Stderr, @"\s+", " "));
        var texts = JsonDocument.Parse(File.ReadAllText(json)).RootElement.EnumerateArray().Select(i => i.GetProperty("text").GetString()).ToArray();
        Assert.Equal(Enumerable.Range(1, turns.Count).Select(i => $"line {i}"), texts.Where(t => t is not null).Distinct());
    }

    [Fact]
    public async Task A_malformed_transcript_is_reported_by_file_and_line_before_anything_runs()
    {
        var wav = Path.Combine(_dir, "any.wav");
        await File.WriteAllTextAsync(wav, "RIFF");
        var vtt = Path.Combine(_dir, "bad.vtt");
        await File.WriteAllTextAsync(vtt, "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfine\n\nnot a timing\nhello\n");
        var run = await CliRunner.RunAsync(Settings("none"), "replay", wav, "--model", model.Path!, "--transcript", vtt);
        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Contains($"{vtt}, line 7: expected a cue timing", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Without_a_model_it_says_how_to_get_one()
    {
        var wav = Path.Combine(_dir, "any.wav");
        await File.WriteAllTextAsync(wav, "RIFF");
        var run = await CliRunner.RunAsync(Settings("none"), "replay", wav);
        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Contains("--model", run.Stderr);
        Assert.Contains("Models:Default", run.Stderr);
    }

    [Fact]
    public async Task A_configuration_value_of_the_wrong_kind_is_reported_with_what_is_accepted()
    {
        var wav = Path.Combine(_dir, "any.wav");
        await File.WriteAllTextAsync(wav, "RIFF");
        var settings = Settings("none");
        settings["Capture:Replay:Pacing"] = "Fast";

        // Options are read before the model is opened, so no model file is needed.
        var run = await CliRunner.RunAsync(settings, "replay", wav, "--model", Path.Combine(_dir, "unused.emsm"));

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Contains("'Fast' at 'Capture:Replay:Pacing'", run.Stderr);
        Assert.Contains("Expected one of: RealTime, AsFastAsPossible.", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task An_impossible_pipeline_setting_is_reported_by_name()
    {
        var settings = Settings("none");
        settings["Pipeline:ResultQueue"] = "0";
        var run = await CliRunner.RunAsync(settings, "replay", model.Path!, "--model", model.Path!);
        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Contains("Pipeline:ResultQueue is 0", run.Stderr);
    }

    [Fact]
    public async Task An_unreadable_recording_is_reported_by_name_and_stored_as_a_failed_session()
    {
        var wav = Path.Combine(_dir, "broken.wav");
        await File.WriteAllTextAsync(wav, "RIFF this is no audio");
        var run = await CliRunner.RunAsync(Settings("none"), "replay", wav, "--model", model.Path!);
        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Contains("error:", run.Stderr);
        Assert.Contains(wav, run.Stderr);
        var store = await SqliteSessionStore.OpenAsync(Path.Combine(_dir, "data", "emostream.db"));
        Assert.Equal(SessionStatus.Failed, Assert.Single(await store.ListSessionsAsync()).Status);
    }
}
