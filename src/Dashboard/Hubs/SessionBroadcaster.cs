using EmoStream.Dashboard.Cluster;
using EmoStream.Sessions;
using EmoStream.Sessions.Pipeline;
using EmoStream.Sessions.Storage;
using Microsoft.AspNetCore.SignalR;

namespace EmoStream.Dashboard.Hubs;

/// <summary>
/// Sends what the <see cref="SessionRegistry"/>'s sessions do to SignalR: each stored result (with the alert it raised,
/// extended or ended) to the session's group in order, then its end, and every change to the session list; and each
/// stored correction to the session's group, running or ended. A viewer that joins gets what it missed from storage
/// first (with the corrections in force), under the session's gate, so it sees every result once and in order; for a
/// session running on another node, that node holds its results back meanwhile (<see cref="ISessionCluster.HoldAsync"/>).
/// </summary>
public sealed class SessionBroadcaster(SessionRegistry sessions, IHubContext<SessionsHub> hub, SessionListFeed list, ISessionCluster cluster,
    ILogger<SessionBroadcaster> logger) : ISessionObserver
{
    public Task StartedAsync(RunningSession session) => list.PublishAsync(session.Session, 0);

    public async Task UtteranceAsync(RunningSession session, UtteranceRecord utterance)
    {
        try
        {
            await hub.Clients.Group(SessionEvents.Group(session.Id)).SendAsync(SessionEvents.Utterance, utterance, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await list.PublishAsync(session.Session, utterance.Index + 1).ConfigureAwait(false); // logs its own failures
        }
    }

    public async Task EndedAsync(RunningSession session, SessionOutcome outcome)
    {
        await list.PublishAsync(outcome.Session, session.LastPublished + 1).ConfigureAwait(false);
        await hub.Clients.Group(SessionEvents.Group(session.Id)).SendAsync(SessionEvents.SessionEnded, outcome.Session, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a stored correction to the viewers of its session (every node's, through the backplane). It is stored
    /// already: a failure to send is logged, and viewers get it from storage when they next join.
    /// </summary>
    public async Task CorrectedAsync(CorrectionRecord correction)
    {
        try
        {
            await hub.Clients.Group(SessionEvents.Group(correction.SessionId)).SendAsync(SessionEvents.UtteranceCorrected, correction, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning("session {Session}: correction {Correction} of utterance {Index} is stored but could not be sent to its viewers ({Reason})",
                correction.SessionId, correction.Id, correction.Index, e.Message);
        }
    }

    /// <summary>
    /// Sends the caller the stored results from <paramref name="fromIndex"/> up to the last one published, then adds it
    /// to the group, all under the session's gate: later results reach it live, earlier ones exactly once. The viewer of
    /// an ended session joins the group too, for the corrections people make later.
    /// </summary>
    /// <returns>False when there is no such session.</returns>
    public async Task<bool> JoinAsync(string id, int fromIndex, string connectionId, IClientProxy caller, IGroupManager groups,
        CancellationToken cancellationToken)
    {
        if (!sessions.TryGetRunning(id, out var running))
            return await JoinElsewhereAsync(id, fromIndex, connectionId, caller, groups, cancellationToken).ConfigureAwait(false);
        return await running.ExclusiveAsync(async () =>
        {
            if (running.Ended)
            {
                await groups.AddToGroupAsync(connectionId, SessionEvents.Group(id), cancellationToken).ConfigureAwait(false);
                return await SendStoredAsync(id, fromIndex, int.MaxValue, caller, cancellationToken).ConfigureAwait(false);
            }
            await SendStoredAsync(id, fromIndex, running.LastPublished, caller, cancellationToken, sendEnd: false).ConfigureAwait(false);
            await groups.AddToGroupAsync(connectionId, SessionEvents.Group(id), cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A session this node does not run. Running on another node: while that node holds its results back, the stored
    /// ones up to the last it published are sent from here, then the caller joins the group, whose messages the
    /// backplane brings from that node. Still recorded running with no node running it (its node died and is not yet
    /// found gone; it stores nothing more): the caller joins the group first, then gets what is stored, and the
    /// survivor's interrupted end reaches it through the group (when the end was recorded meanwhile, it is sent from
    /// storage too: the end may come twice, never not at all).
    /// </summary>
    private async Task<bool> JoinElsewhereAsync(string id, int fromIndex, string connectionId, IClientProxy caller, IGroupManager groups,
        CancellationToken cancellationToken)
    {
        if (await cluster.HoldAsync(id, cancellationToken).ConfigureAwait(false) is { } hold)
        {
            await using (hold.ConfigureAwait(false))
            {
                await SendStoredAsync(id, fromIndex, hold.LastPublished, caller, cancellationToken, sendEnd: false).ConfigureAwait(false);
                await groups.AddToGroupAsync(connectionId, SessionEvents.Group(id), cancellationToken).ConfigureAwait(false);
            }
            return true;
        }
        if (await sessions.Store.GetSessionAsync(id, cancellationToken).ConfigureAwait(false) is not { } session) return false;
        if (session.Status == SessionStatus.Running)
        {
            await groups.AddToGroupAsync(connectionId, SessionEvents.Group(id), cancellationToken).ConfigureAwait(false);
            var running = (await sessions.Store.GetSessionAsync(id, cancellationToken).ConfigureAwait(false))?.Status == SessionStatus.Running;
            return await SendStoredAsync(id, fromIndex, int.MaxValue, caller, cancellationToken, sendEnd: !running).ConfigureAwait(false);
        }
        // Ended: nothing but corrections reach the group now; joining first, none made meanwhile is missed.
        await groups.AddToGroupAsync(connectionId, SessionEvents.Group(id), cancellationToken).ConfigureAwait(false);
        return await SendStoredAsync(id, fromIndex, int.MaxValue, caller, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> SendStoredAsync(string id, int fromIndex, int toIndex, IClientProxy caller, CancellationToken cancellationToken,
        bool sendEnd = true)
    {
        var session = await sessions.Store.GetSessionAsync(id, cancellationToken).ConfigureAwait(false);
        if (session is null) return false;
        foreach (var result in await sessions.Corrections.GetUtterancesAsync(id, fromIndex, cancellationToken).ConfigureAwait(false))
        {
            if (result.Index > toIndex) break;
            await caller.SendAsync(SessionEvents.Utterance, result, cancellationToken).ConfigureAwait(false);
        }
        if (sendEnd) await caller.SendAsync(SessionEvents.SessionEnded, session, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
