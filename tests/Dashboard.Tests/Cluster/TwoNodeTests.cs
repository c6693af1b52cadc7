using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using EmoStream.Dashboard.Api;
using EmoStream.Dashboard.Hosting;
using EmoStream.Dashboard.Hubs;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.Sessions.Storage;
using EmoStream.Sessions.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EmoStream.Dashboard.Tests.Cluster;

/// <summary>
/// Two real server processes sharing a private PostgreSQL and a private Redis (Debian's, on loopback ports): a session
/// on node A watched live, listed, read and stopped from node B; a node killed with -9 in the middle of a session
/// leaves it interrupted on the survivor with everything it stored.
/// </summary>
public sealed class TwoNodeTests(LocalPostgres postgres, LocalRedis redis, ITestOutputHelper output)
    : IClassFixture<LocalPostgres>, IClassFixture<LocalRedis>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-cluster-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Conversation => Path.Combine(DashboardServer.RepoRoot(), ".cache", "demo", "conversation.wav");

    private async Task<(ServerProcess A, ServerProcess B)> StartNodesAsync()
    {
        Skip.If(postgres.Unavailable is not null, postgres.Unavailable);
        redis.SkipIfUnavailable();
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = await postgres.NewDatabaseAsync(),
            ["Cluster:Redis"] = redis.Configuration,
        };
        var nodes = await Task.WhenAll(
            ServerProcess.ServeAsync(Path.Combine(_dir, "a"), settings),
            ServerProcess.ServeAsync(Path.Combine(_dir, "b"), settings));
        return (nodes[0], nodes[1]);
    }

    private static HubConnection Viewer(ServerProcess node) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(node.Address, WebHost.HubPath))
            .AddJsonProtocol(o => WebHost.UseStringEnums(o.PayloadSerializerOptions))
            .Build();

    private static async Task<string> UploadRealtimeAsync(HttpClient http)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(Conversation)), "file", "call.wav" },
            { new StringContent("realtime"), "pacing" },
        };
        using var response = await http.PostAsync("/api/sessions/replay", form);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SessionCreated>(DashboardServer.Json))!.Session.Id;
    }

    private static async Task<SessionDetail> DetailAsync(HttpClient http, string id) =>
        (await http.GetFromJsonAsync<SessionDetail>($"/api/sessions/{id}", DashboardServer.Json))!;

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (!await condition()) await Task.Delay(100, cts.Token);
    }

    [SkippableFact]
    public async Task A_session_on_node_A_is_watched_live_listed_read_and_stopped_from_node_B_and_survives_A_killed_as_interrupted()
    {
        var (a, b) = await StartNodesAsync();
        await using var nodeA = a;
        await using var nodeB = b;
        using var httpA = new HttpClient { BaseAddress = a.Address };
        using var httpB = new HttpClient { BaseAddress = b.Address };

        // B watches the session list before anything runs: A's sessions reach it through the backplane.
        await using var listViewer = Viewer(b);
        var listed = new System.Collections.Concurrent.ConcurrentQueue<SessionSummary>();
        listViewer.On<SessionSummary>(SessionEvents.SessionUpdated, listed.Enqueue);
        await listViewer.StartAsync();
        await listViewer.InvokeAsync<IReadOnlyList<SessionSummary>>("WatchSessions");

        var first = await UploadRealtimeAsync(httpA);
        await using var early = Viewer(b);
        var fromStart = await ViewerLog.JoinAsync(early, first); // joins as it starts
        await WaitAsync(async () => (await DetailAsync(httpB, first)).Utterances.Count >= 2);
        await using var late = Viewer(b);
        var caughtUp = await ViewerLog.JoinAsync(late, first); // catches up from storage while A holds its results back
        await fromStart.WaitForAsync(3, Timeout);

        // Listed and read from B; stopped from B (A runs it and drains it).
        Assert.Contains(first, (await httpB.GetFromJsonAsync<SessionRecord[]>("/api/sessions", DashboardServer.Json))!.Select(s => s.Id));
        using var stop = await httpB.PostAsync($"/api/sessions/{first}/stop", null);
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.Equal(SessionStatus.Stopped, (await stop.Content.ReadFromJsonAsync<SessionRecord>(DashboardServer.Json))!.Status);
        var stored = (await DetailAsync(httpB, first)).Utterances;
        foreach (var viewer in new[] { fromStart, caughtUp })
        {
            Assert.Equal(SessionStatus.Stopped, (await viewer.Ended.WaitAsync(Timeout)).Status);
            ViewerLog.AssertSame(stored, viewer.Utterances); // every result once, in order
        }
        await WaitAsync(() => Task.FromResult(listed.Any(s => s.Session.Id == first && s.Session.Status == SessionStatus.Stopped)));
        Assert.Contains(listed, s => s.Session.Id == first && s.Utterances == stored.Count);
        // Its audio socket is on A: B says where.
        var second = await UploadRealtimeAsync(httpA);
        using (var ingest = await httpB.GetAsync($"/api/sessions/{second}/ingest"))
            Assert.Contains(a.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), await ingest.Content.ReadAsStringAsync());

        // A killed in the middle of a session: B marks it interrupted, keeps what was stored and tells its viewers.
        await using var watcher = Viewer(b);
        var watching = await ViewerLog.JoinAsync(watcher, second);
        await WaitAsync(async () => (await DetailAsync(httpB, second)).Utterances.Count >= 1);
        var before = (await DetailAsync(httpB, second)).Utterances;
        a.Signal("KILL");
        await a.ExitCodeAsync(Timeout);
        var clock = Stopwatch.StartNew();
        // A viewer joining now, whether before or after B found A gone, gets what is stored and the interrupted end.
        await using var newcomer = Viewer(b);
        var joinedAfter = await ViewerLog.JoinAsync(newcomer, second);
        var ended = await watching.Ended.WaitAsync(Timeout);
        output.WriteLine($"interrupted on the survivor {clock.Elapsed.TotalSeconds:0.0} s after kill -9 (Cluster:NodeTimeout 5 s)");
        Assert.Equal(SessionStatus.Interrupted, ended.Status);
        Assert.Contains("stopped answering", ended.Detail);
        var after = await DetailAsync(httpB, second);
        Assert.Equal(SessionStatus.Interrupted, after.Session.Status);
        Assert.True(after.Utterances.Count >= before.Count, "a stored utterance was lost");
        // A result A stored but had not sent when it died reaches the viewer as the page gets it: joining again from the next index.
        await watcher.InvokeAsync("JoinSession", second, watching.Utterances.Count);
        // The catch-up's messages may still be in the client's handlers when the invocation completes.
        await WaitAsync(() => Task.FromResult(watching.Utterances.Count >= after.Utterances.Count));
        ViewerLog.AssertSame(after.Utterances, watching.Utterances);
        Assert.Equal(SessionStatus.Interrupted, (await joinedAfter.Ended.WaitAsync(Timeout)).Status);
        await WaitAsync(() => Task.FromResult(joinedAfter.Utterances.Count >= after.Utterances.Count));
        ViewerLog.AssertSame(after.Utterances, joinedAfter.Utterances);
    }
}
