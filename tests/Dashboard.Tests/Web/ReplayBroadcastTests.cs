using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EmoStream.Sessions.Storage;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.Sessions.Tests.Support;
using EmoStream.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace EmoStream.Dashboard.Tests.Web;

/// <summary>A recording uploaded through the REST API reaches SignalR viewers as stored, in order, late joiners included.</summary>
public sealed class ReplayBroadcastTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-replay-web-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Every_result_of_an_uploaded_replay_reaches_a_viewer_in_order_identical_to_storage_and_exports()
    {
        var file = Conversations.Write(_dir, "talk.wav", turns: 6);
        await using var server = await DashboardServer.StartAsync();
        await using var viewer = server.Viewer();
        var log = new ViewerLog(viewer);
        await viewer.StartAsync();

        var id = await server.UploadSessionAsync(file, "fast");
        await viewer.InvokeAsync("JoinSession", id, 0);
        var ended = await log.Ended.WaitAsync(Timeout);

        Assert.Equal(SessionStatus.Completed, ended.Status);
        var stored = (await server.GetAsync(id)).Utterances;
        Assert.InRange(stored.Count, 5, 12); // six sentences; the VAD may split one at a pause
        Assert.Equal(Enumerable.Range(0, stored.Count), log.Utterances.Select(u => u.Index));
        ViewerLog.AssertSame(stored, log.Utterances);
        Assert.Equal(ended, (await server.GetAsync(id)).Session with { Speakers = ended.Speakers });

        var list = await server.Http.GetFromJsonAsync<SessionRecord[]>("/api/sessions", DashboardServer.Json);
        Assert.Equal("talk.wav", Assert.Single(list!).Source[^8..]);

        var document = JsonNode.Parse(await server.Http.GetStringAsync($"/api/sessions/{id}/export.json"))!;
        var json = document["utterances"]!.AsArray();
        Assert.Equal(stored.Select(u => u.Emotion), json.Select(o => (string)o!["emotion"]!));
        // The call metrics: in the detail, on their own, in the JSON export and as CSV, the same figures.
        var metrics = (await server.GetAsync(id)).Metrics;
        Assert.Equal(stored.Sum(u => u.End - u.Start), metrics.TalkTime, 6); // one mixed channel: nobody overlaps
        Assert.Null(metrics.OverlapTime);
        Assert.Equal(JsonNode.Parse(await server.Http.GetStringAsync($"/api/sessions/{id}/metrics"))!.ToJsonString(), document["metrics"]!.ToJsonString());
        var metricsCsv = (await server.Http.GetStringAsync($"/api/sessions/{id}/metrics.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("scope,speaker,utterances,duration,talk_time,talk_share,silence_share,overlap_time,interruptions,interrupted,words,words_per_minute,share_", metricsCsv[0]);
        Assert.Equal(["call,", "speaker,speaker"], metricsCsv.Skip(1).Select(l => string.Join(',', l.Split(',')[..2])));
        Assert.Equal(stored.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), metricsCsv[2].Split(',')[2]);
        Assert.Equal(stored.Select(u => u.Probabilities["angry"]), json.Select(o => (double)o!["probabilities"]!["angry"]!));
        var csv = (await server.Http.GetStringAsync($"/api/sessions/{id}/export.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("index,speaker,start,end,emotion,correction,corrected_by,corrected_utc,p_happy,p_neutral,p_angry,p_sad,w_audio,w_text,engine,text", csv[0]);
        Assert.Equal(stored.Count + 1, csv.Length);
        Assert.Equal(stored.Select(u => $"{u.Index},{u.Speaker},"), csv.Skip(1).Select(l => string.Join(',', l.Split(',')[..2]) + ","));

        var deleted = await server.Http.DeleteAsync($"/api/sessions/{id}");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await server.Store.GetUtterancesAsync(id));
    }

    [Fact]
    public async Task Alerts_are_raised_by_the_server_stored_and_sent_with_their_utterance_and_exported()
    {
        var file = Conversations.Write(_dir, "alerts.wav", turns: 4);
        // Every emotion counts and two in a row make an alert: one speaker (a mixed recording) raises alert 1 at its
        // second utterance and extends it with every later one.
        await using var server = await DashboardServer.StartAsync(settings:
        [
            ("Dashboard:Alerts:ConsecutiveUtterances", "2"), ("Dashboard:Alerts:Emotions:0", "happy"), ("Dashboard:Alerts:Emotions:1", "neutral"),
            ("Dashboard:Alerts:Emotions:2", "angry"), ("Dashboard:Alerts:Emotions:3", "sad"),
        ]);
        await using var viewer = server.Viewer();
        var log = new ViewerLog(viewer);
        await viewer.StartAsync();
        var id = await server.UploadSessionAsync(file, "fast");
        await viewer.InvokeAsync("JoinSession", id, 0);
        await log.Ended.WaitAsync(Timeout);

        var detail = await server.GetAsync(id);
        var stored = detail.Utterances;
        Assert.True(stored.Count >= 2, $"only {stored.Count} utterance(s)");
        Assert.Null(stored[0].Alert);
        foreach (var u in stored.Skip(1))
        {
            var alert = Assert.IsType<Sessions.Alerts.AlertRecord>(u.Alert);
            Assert.Equal((1, "speaker", 0, u.Index, u.Index + 1, true), (alert.Number, alert.Speaker, alert.FromIndex, alert.ToIndex, alert.Length, alert.Ongoing));
            Assert.Equal(stored.Take(u.Index + 1).GroupBy(x => x.Emotion).ToDictionary(g => g.Key, g => g.Count()), alert.Counts);
        }
        ViewerLog.AssertSame(stored, log.Utterances); // what the viewer got carries the same alerts
        Assert.Equal(stored[^1].Alert, Assert.Single(detail.Alerts));

        var json = JsonNode.Parse(await server.Http.GetStringAsync($"/api/sessions/{id}/export.json"))!["utterances"]!.AsArray();
        Assert.Null(json[0]!["alert"]);
        Assert.All(json.Skip(1), o => Assert.Equal(1, (int)o!["alert"]!["number"]!));
        Assert.Equal(stored.Count, (int)json[^1]!["alert"]!["length"]!);
        var csv = (await server.Http.GetStringAsync($"/api/sessions/{id}/export.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",alert", csv[0]);
        Assert.Equal(["", .. Enumerable.Repeat("1", stored.Count - 1)], csv.Skip(1).Select(l => l.Split(',')[^1]));
    }

    [Fact]
    public async Task Viewers_that_join_during_or_after_a_real_time_replay_first_receive_what_they_missed()
    {
        var file = Conversations.Write(_dir, "live.wav", turns: 4, pauseSeconds: 0.6);
        await using var server = await DashboardServer.StartAsync();
        var id = await server.UploadSessionAsync(file, "realtime");

        await using var early = server.Viewer();
        var earlyLog = await ViewerLog.JoinAsync(early, id);
        await earlyLog.WaitForAsync(2, Timeout);
        Assert.Equal(SessionStatus.Running, (await server.Store.GetSessionAsync(id))!.Status); // still live when the next one joins

        await using var late = server.Viewer();
        var lateLog = await ViewerLog.JoinAsync(late, id);
        await Task.WhenAll(earlyLog.Ended, lateLog.Ended).WaitAsync(Timeout);

        // A dashboard that reconnects after the end asks only for what follows what it has.
        await using var reconnecting = server.Viewer();
        var reconnectLog = new ViewerLog(reconnecting);
        await reconnecting.StartAsync();
        await reconnecting.InvokeAsync("JoinSession", id, 2);
        await reconnectLog.Ended.WaitAsync(Timeout);

        var stored = await server.Store.GetUtterancesAsync(id);
        Assert.True(stored.Count >= 3, $"{stored.Count} utterances stored");
        ViewerLog.AssertSame(stored, earlyLog.Utterances);
        ViewerLog.AssertSame(stored, lateLog.Utterances);
        ViewerLog.AssertSame(stored.Skip(2).ToArray(), reconnectLog.Utterances);
    }

    [Fact]
    public async Task Joining_a_session_that_does_not_exist_is_an_error_naming_it()
    {
        await using var server = await DashboardServer.StartAsync();
        await using var viewer = server.Viewer();
        await viewer.StartAsync();
        var error = await Assert.ThrowsAsync<HubException>(() => viewer.InvokeAsync("JoinSession", "nope", 0));
        Assert.Contains("no session 'nope'", error.Message);
    }
}
