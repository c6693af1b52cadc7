using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using EmoStream.Bench;
using EmoStream.Capture.Audio;
using EmoStream.Dashboard.Api;
using EmoStream.Dashboard.Hosting;
using EmoStream.Dashboard.Hubs;
using EmoStream.Sessions.Storage;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EmoStream.Dashboard.Bench;

/// <summary>
/// <c>session-capacity</c> against running servers (one <c>emostream serve</c>, or the nodes of
/// <c>scripts/cluster.sh up N</c>), through their HTTP API only: session k is uploaded (real-time pacing) to node
/// k mod N and watched from node (k+1) mod N, so with two nodes or more every result crosses the backplane; a first
/// round of one session per node warms them up and is not counted. Latency is
/// the viewer's arrival time minus the session's start plus the utterance's end (one machine, one clock). The
/// servers' CPU and memory are theirs: the load average is printed.
/// </summary>
public sealed class ClusterCapacityBenchmark : IBenchmark
{
    private static readonly JsonSerializerOptions Json = WebHost.UseStringEnums(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public string Name => "cluster-capacity";

    public string Description =>
        "URL[,URL..] WAV [SESSIONS]: real-time sessions uploaded round-robin to running nodes, each watched from the next node, N = 1, 2, 4, ... until they fall behind";

    public void Run(IReadOnlyList<string> args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task RunAsync(IReadOnlyList<string> args)
    {
        var nodes = args[0].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(u => new Uri(u)).ToArray();
        var wav = Path.GetFullPath(args[1]);
        var most = args.Count > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 64;
        var audio = AudioFileReader.Default.Read(wav);
        var duration = (double)audio.FrameCount / audio.SampleRate;
        var bytes = await File.ReadAllBytesAsync(wav);
        Console.WriteLine($"{nodes.Length} node(s): {string.Join(", ", nodes.Select(n => n.ToString()))}; recording {duration:F1} s; up to {most} sessions");
        // One session per node first, not counted: JIT, decoders and connections warm up (a cold first round would
        // say more about start-up than about capacity).
        await RoundAsync(nodes, bytes, Path.GetFileName(wav), nodes.Length);
        Console.WriteLine(CapacityRound.Definition);
        Console.WriteLine("| sessions | utterances | median | p95 | max | growth | end lag | load | keeps up |\n|---|---|---|---|---|---|---|---|---|");
        var sustained = 0;
        for (var sessions = 1; sessions <= most; sessions *= 2)
        {
            var sampler = ProcessSampler.Start();
            var viewed = await RoundAsync(nodes, bytes, Path.GetFileName(wav), sessions);
            var round = CapacityRound.Of(sessions, viewed, duration, await sampler.StopAsync());
            var breaches = round.Breaches();
            Console.WriteLine($"| {sessions} | {round.Utterances} | {round.Median * 1000:F0} ms | {round.P95 * 1000:F0} ms | {round.Max * 1000:F0} ms | " +
                $"{round.Growth * 1000:+0;-0} ms | {round.EndLag:F1} s | {round.Load} | {(breaches.Count == 0 ? "yes" : "no: " + string.Join(", ", breaches))} |");
            if (breaches.Count > 0) break;
            sustained = sessions;
        }
        Console.WriteLine($"sustained: {sustained} simultaneous real-time session(s) on {nodes.Length} node(s)");
    }

    private static async Task<IReadOnlyList<ViewedSession>> RoundAsync(Uri[] nodes, byte[] wav, string name, int sessions)
    {
        var viewers = await Task.WhenAll(Enumerable.Range(0, sessions).Select(async k =>
        {
            var viewer = new HubConnectionBuilder().WithUrl(new Uri(nodes[(k + 1) % nodes.Length], WebHost.HubPath))
                .AddJsonProtocol(o => WebHost.UseStringEnums(o.PayloadSerializerOptions)).Build();
            await viewer.StartAsync();
            return viewer;
        }));
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        try
        {
            // Connected first, so that connecting is no part of any latency.
            return await Task.WhenAll(viewers.Select((viewer, k) => WatchAsync(http, nodes[k % nodes.Length], viewer, wav, name)));
        }
        finally
        {
            foreach (var viewer in viewers) await viewer.DisposeAsync();
        }
    }

    private static async Task<ViewedSession> WatchAsync(HttpClient http, Uri node, HubConnection viewer, byte[] wav, string name)
    {
        var received = new List<(double End, DateTimeOffset At)>();
        var ended = new TaskCompletionSource<(SessionRecord Session, DateTimeOffset At)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onUtterance = viewer.On<UtteranceRecord>(SessionEvents.Utterance, r =>
        {
            lock (received) received.Add((r.End, DateTimeOffset.UtcNow));
        });
        using var onEnded = viewer.On<SessionRecord>(SessionEvents.SessionEnded, s => ended.TrySetResult((s, DateTimeOffset.UtcNow)));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(wav), "file", name }, { new StringContent("realtime"), "pacing" } };
        using var response = await http.PostAsync(new Uri(node, "/api/sessions/replay"), form);
        response.EnsureSuccessStatusCode();
        var session = (await response.Content.ReadFromJsonAsync<SessionCreated>(Json))!.Session;
        await viewer.InvokeAsync("JoinSession", session.Id, 0);
        var (record, at) = await ended.Task;
        // The recording's clock starts when the session does.
        double Seconds(DateTimeOffset t) => (t - session.CreatedUtc).TotalSeconds;
        lock (received)
            return new ViewedSession(record, received.Select(r => new ReceivedResult(r.End, Seconds(r.At) - r.End)).ToArray(), Seconds(at));
    }
}
