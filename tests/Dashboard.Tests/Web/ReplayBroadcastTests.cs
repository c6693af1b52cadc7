using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EmoStream.Dashboard.Storage;
using EmoStream.Dashboard.Tests.Support;
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

    [SkippableFact]
    public async Task Every_result_of_an_uploaded_replay_reaches_a_viewer_in_order_identical_to_storage_and_exports()
    {
        SharedData.SkipIfAbsent();
        var file = RavdessConversation.Write(_dir, "talk.wav", turns: 6);
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

        var json = JsonNode.Parse(await server.Http.GetStringAsync($"/api/sessions/{id}/export.json"))!.AsArray();
        Assert.Equal(stored.Select(u => u.Emotion), json.Select(o => (string)o!["emotion"]!));
        Assert.Equal(stored.Select(u => u.Probabilities["angry"]), json.Select(o => (double)o!["probabilities"]!["angry"]!));
        var csv = (await server.Http.GetStringAsync($"/api/sessions/{id}/export.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("index,speaker,start,end,emotion,p_happy,p_neutral,p_angry,p_sad,w_audio,w_text,engine,text", csv[0]);
        Assert.Equal(stored.Count + 1, csv.Length);
        Assert.Equal(stored.Select(u => $"{u.Index},{u.Speaker},"), csv.Skip(1).Select(l => string.Join(',', l.Split(',')[..2]) + ","));

        var deleted = await server.Http.DeleteAsync($"/api/sessions/{id}");
        Assert.Equal(System.Net.HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await server.Store.GetUtterancesAsync(id));
    }

    [SkippableFact]
    public async Task Viewers_that_join_during_or_after_a_real_time_replay_first_receive_what_they_missed()
    {
        SharedData.SkipIfAbsent();
        var file = RavdessConversation.Write(_dir, "live.wav", turns: 4, pauseSeconds: 0.6);
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
