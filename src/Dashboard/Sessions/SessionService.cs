using System.Collections.Concurrent;
using System.Threading.Channels;
using EmoStream.Capture.Network;
using EmoStream.Capture.Sources;
using EmoStream.Capture.Streams;
using EmoStream.Dashboard.Api;
using EmoStream.Dashboard.Hubs;
using EmoStream.Dashboard.Pipeline;
using EmoStream.Dashboard.Storage;
using Microsoft.AspNetCore.SignalR;

namespace EmoStream.Dashboard.Sessions;

/// <summary>
/// The web host's sessions: starts replays and live streams on the shared <see cref="PipelineHost"/>, keeps the
/// running ones, and broadcasts each stored result to the session's SignalR group in order. A viewer that joins
/// gets what it missed from storage first, under the same gate as the live sends, so it sees every result once
/// and in order.
/// </summary>
public sealed class SessionService(PipelineHost host, IHubContext<SessionsHub> hub, TelephonyOptions telephony, SessionListFeed list,
    ILogger<SessionService> logger)
{
    /// <summary>Messages an ingest connection may queue ahead of capture before its reads wait.</summary>
    private const int IngestQueue = 64;

    private readonly ConcurrentDictionary<string, RunningSession> _running = new(StringComparer.Ordinal);

    public ISessionStore Store => host.Store;

    public bool TryGetRunning(string id, out RunningSession session) => _running.TryGetValue(id, out session!);

    /// <param name="upload">
    /// An uploaded recording: the client's name for it (the session's source; the path is never shown) and its longest
    /// duration. It is decoded as a stream, so memory stays bounded whatever its length.
    /// </param>
    public Task<RunningSession> StartReplayAsync(string path, ReplayOptions options, CancellationToken cancellationToken,
        (string Name, TimeSpan MaxDuration)? upload = null)
    {
        IReadOnlyList<string> speakers = options.ChannelPerSpeaker ? options.EffectiveSpeakerNames : [options.MixedSpeakerName];
        IAudioSource source = upload is var (name, limit) ? new StreamingReplaySource(path, name, options, limit) : new FileReplaySource(path, options);
        return StartAsync(source, SessionKind.Replay, speakers, null, cancellationToken);
    }

    /// <param name="sampleRate">PCM16 only: the rate the client sends at.</param>
    /// <param name="speakers">PCM16: one name per interleaved channel; telephony names speakers by track.</param>
    /// <param name="limits">The idle time-out and how far audio may run ahead of its arrival; defaults when null.</param>
    public Task<RunningSession> StartLiveAsync(LiveFormat format, int sampleRate, IReadOnlyList<string> speakers, CancellationToken cancellationToken,
        InputLimits? limits = null)
    {
        limits ??= new InputLimits();
        var name = $"live {format.ToString().ToLowerInvariant()}";
        INetworkAudioParser parser = format == LiveFormat.Pcm16
            ? new Pcm16StreamParser(name, sampleRate, speakers)
            : new TelephonyMediaParser(name, telephony);
        var messages = Channel.CreateBounded<NetworkMessage>(new BoundedChannelOptions(IngestQueue)
            { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        var source = new NetworkAudioSource(name, IdleTimeout.ReadAllAsync(messages.Reader, name, limits.LiveIdleTimeout),
            new ArrivalLimitedParser(parser, name, limits.LiveMaxLead));
        IReadOnlyList<string> known = format == LiveFormat.Pcm16 ? speakers : telephony.TrackSpeakers.Values.Distinct().ToArray();
        return StartAsync(source, SessionKind.Live, known, messages.Writer, cancellationToken);
    }

    private async Task<RunningSession> StartAsync(IAudioSource source, SessionKind kind, IReadOnlyList<string> speakers,
        ChannelWriter<NetworkMessage>? ingest, CancellationToken cancellationToken)
    {
        var pipeline = await host.StartSessionAsync(source, kind, speakers, cancellationToken).ConfigureAwait(false);
        var session = new RunningSession(pipeline, ingest);
        _running[session.Id] = session;
        session.Broadcast = BroadcastAsync(session);
        return session;
    }

    /// <summary>
    /// Sends each result as it is stored, then the session's end; the session leaves the running set after that.
    /// The session list hears of the start here, once the session can be joined and stopped, and of each change in order.
    /// </summary>
    private async Task BroadcastAsync(RunningSession session)
    {
        await Task.Yield();
        await list.PublishAsync(session.Pipeline.Session, 0).ConfigureAwait(false);
        var group = hub.Clients.Group(SessionEvents.Group(session.Id));
        // Reading never stops early: the pipeline holds back capture when its results are not read.
        await foreach (var result in session.Pipeline.Results.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            await session.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await group.SendAsync(SessionEvents.Utterance, result, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Stored already: a viewer that missed it gets it from storage when it joins again.
                logger.LogWarning(e, "session {Session}: could not broadcast utterance {Index}", session.Id, result.Index);
            }
            finally
            {
                session.LastSent = result.Index;
                session.Gate.Release();
            }
            await list.PublishAsync(session.Pipeline.Session, result.Index + 1).ConfigureAwait(false);
        }
        await session.Pipeline.Completion.ConfigureAwait(false);
        await session.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            session.Ended = true;
            if (await host.Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false) is { } ended)
            {
                // Storage may have failed to record the end (it is retried): viewers get the end as it happened.
                if (ended.Status == SessionStatus.Running)
                {
                    var outcome = await session.Pipeline.Completion.ConfigureAwait(false);
                    ended = ended with { Status = outcome.Status, Detail = outcome.Detail, EndedUtc = DateTimeOffset.UtcNow };
                }
                await list.PublishAsync(ended, session.LastSent + 1).ConfigureAwait(false); // logs its own failures
                await group.SendAsync(SessionEvents.SessionEnded, ended, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "session {Session}: could not broadcast its end", session.Id);
        }
        finally
        {
            session.Gate.Release();
            _running.TryRemove(session.Id, out _);
        }
    }

    /// <summary>
    /// Sends the caller the stored results from <paramref name="fromIndex"/> up to the last one broadcast, then adds it
    /// to the group, all under the session's gate: later results reach it live, earlier ones exactly once.
    /// </summary>
    /// <returns>False when there is no such session.</returns>
    public async Task<bool> JoinAsync(string id, int fromIndex, string connectionId, IClientProxy caller, IGroupManager groups,
        CancellationToken cancellationToken)
    {
        if (!_running.TryGetValue(id, out var running))
            return await SendStoredAsync(id, fromIndex, int.MaxValue, caller, cancellationToken).ConfigureAwait(false);
        await running.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (running.Ended) return await SendStoredAsync(id, fromIndex, int.MaxValue, caller, cancellationToken).ConfigureAwait(false);
            await SendStoredAsync(id, fromIndex, running.LastSent, caller, cancellationToken, sendEnd: false).ConfigureAwait(false);
            await groups.AddToGroupAsync(connectionId, SessionEvents.Group(id), cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            running.Gate.Release();
        }
    }

    private async Task<bool> SendStoredAsync(string id, int fromIndex, int toIndex, IClientProxy caller, CancellationToken cancellationToken,
        bool sendEnd = true)
    {
        var session = await host.Store.GetSessionAsync(id, cancellationToken).ConfigureAwait(false);
        if (session is null) return false;
        foreach (var result in await host.Store.GetUtterancesAsync(id, fromIndex, cancellationToken).ConfigureAwait(false))
        {
            if (result.Index > toIndex) break;
            await caller.SendAsync(SessionEvents.Utterance, result, cancellationToken).ConfigureAwait(false);
        }
        if (sendEnd) await caller.SendAsync(SessionEvents.SessionEnded, session, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Stops capturing; what was captured is still stored and broadcast. Null when the session is not running here.</summary>
    public async Task<SessionOutcome?> StopAsync(string id)
    {
        if (!_running.TryGetValue(id, out var session)) return null;
        var outcome = await session.Pipeline.StopAsync().ConfigureAwait(false);
        await session.Broadcast.ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Stops every running session and waits until each stored and broadcast what it captured (server shutdown).</summary>
    public Task StopAllAsync() => Task.WhenAll(_running.Keys.Select(StopAsync));
}
