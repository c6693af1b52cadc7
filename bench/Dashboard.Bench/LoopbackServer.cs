using System.Diagnostics;
using EmoStream.Dashboard.Hubs;
using EmoStream.Capture.Sources;
using EmoStream.Dashboard.Hosting;
using EmoStream.Sessions;
using EmoStream.Sessions.Storage;
using EmoStream.Transcribe;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmoStream.Dashboard.Bench;

/// <summary>
/// The real web host on 127.0.0.1 (Kestrel, SignalR JSON over WebSockets) over one <see cref="SessionRegistry"/>, as
/// <c>serve</c> runs it: starts real-time replays through the registry, each watched by its own
/// .NET SignalR client.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly SessionRegistry _pipelines;
    private readonly WebApplication _app;
    private readonly Uri _hub;

    private LoopbackServer(SessionRegistry pipelines, WebApplication app, Uri address)
    {
        _pipelines = pipelines;
        _app = app;
        _hub = new Uri(address, WebHost.HubPath);
    }

    public TranscriberSelection Transcription => _pipelines.Transcription;

    public static async Task<LoopbackServer> StartAsync(LatencyRun run)
    {
        var configuration = run.Configuration();
        var pipelines = await SessionRegistry.CreateAsync(configuration, run.Model, NullLoggerFactory.Instance);
        try
        {
            var app = WebHost.Build(configuration, "http://127.0.0.1:0", pipelines);
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return new LoopbackServer(pipelines, app, address);
        }
        catch
        {
            await pipelines.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts <paramref name="sessions"/> real-time replays of <paramref name="wav"/>, each joined by its own viewer,
    /// and returns what each viewer received once every session has ended.
    /// </summary>
    /// <param name="spread">Session k starts k/N of this later: zero starts all at once, so every session's utterances
    /// end at the same instant (the worst case); about one turn's length spreads those ends evenly.</param>
    public async Task<IReadOnlyList<ViewedSession>> ReplayAsync(string wav, int sessions, TimeSpan spread = default)
    {
        var service = _pipelines;
        var viewers = await Task.WhenAll(Enumerable.Range(0, sessions).Select(async _ =>
        {
            var viewer = new HubConnectionBuilder().WithUrl(_hub)
                .AddJsonProtocol(o => WebHost.UseStringEnums(o.PayloadSerializerOptions)).Build();
            await viewer.StartAsync();
            return viewer;
        }));
        try
        {
            // Connected first, so that the sessions start together and connecting is no part of any latency.
            return await Task.WhenAll(viewers.Select((viewer, k) => WatchAsync(service, viewer, wav, spread * k / sessions)));
        }
        finally
        {
            foreach (var viewer in viewers) await viewer.DisposeAsync();
        }
    }

    private static async Task<ViewedSession> WatchAsync(SessionRegistry service, HubConnection viewer, string wav, TimeSpan delay)
    {
        await Task.Delay(delay);
        var received = new List<ReceivedResult>();
        var ended = new TaskCompletionSource<(SessionRecord Session, double At)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new Stopwatch();
        using var onUtterance = viewer.On<UtteranceRecord>(SessionEvents.Utterance, r =>
        {
            lock (received) received.Add(new ReceivedResult(r.End, clock.Elapsed.TotalSeconds - r.End));
        });
        using var onEnded = viewer.On<SessionRecord>(SessionEvents.SessionEnded, s => ended.TrySetResult((s, clock.Elapsed.TotalSeconds)));
        // The recording's clock starts just before the session (and its source) starts, as in pipeline-latency.
        clock.Start();
        var session = await service.StartReplayAsync(wav, new ReplayOptions { Pacing = ReplayPacing.RealTime }, CancellationToken.None);
        await viewer.InvokeAsync("JoinSession", session.Id, 0);
        var (record, at) = await ended.Task;
        lock (received) return new ViewedSession(record, received.ToArray(), at);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _pipelines.DisposeAsync();
    }
}
