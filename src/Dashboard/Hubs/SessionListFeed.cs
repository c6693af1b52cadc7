using EmoStream.Sessions;
using EmoStream.Sessions.Storage;
using Microsoft.AspNetCore.SignalR;

namespace EmoStream.Dashboard.Hubs;

/// <summary>
/// The session list, live: a viewer that watches gets every session with its utterance count, then
/// <see cref="SessionEvents.SessionUpdated"/> whenever a session starts, stores a result or ends, and
/// <see cref="SessionEvents.SessionDeleted"/> when one is deleted. Updates only grow (a count never drops, an
/// ended session never runs again), so a viewer merges them with the snapshot in whatever order they arrive.
/// </summary>
public sealed class SessionListFeed(SessionRegistry host, IHubContext<SessionsHub> hub, ILogger<SessionListFeed> logger)
{
    /// <summary>Adds the connection to the list's group first, so no change after the snapshot is missed.</summary>
    public async Task<IReadOnlyList<SessionSummary>> WatchAsync(string connectionId, IGroupManager groups, CancellationToken cancellationToken)
    {
        await groups.AddToGroupAsync(connectionId, SessionEvents.ListGroup, cancellationToken).ConfigureAwait(false);
        var sessions = await host.Store.ListSessionsAsync(cancellationToken).ConfigureAwait(false);
        var counts = await host.Store.CountUtterancesAsync(cancellationToken).ConfigureAwait(false);
        return sessions.Select(s => new SessionSummary(s, counts.GetValueOrDefault(s.Id))).ToArray();
    }

    public Task UnwatchAsync(string connectionId, IGroupManager groups, CancellationToken cancellationToken) =>
        groups.RemoveFromGroupAsync(connectionId, SessionEvents.ListGroup, cancellationToken);

    public Task PublishAsync(SessionRecord session, int utterances) =>
        SendAsync(session.Id, SessionEvents.SessionUpdated, new SessionSummary(session, utterances));

    public Task PublishDeletedAsync(string sessionId) => SendAsync(sessionId, SessionEvents.SessionDeleted, sessionId);

    /// <summary>Tells watchers; a failure is logged only, since a viewer that watches again gets the state from storage.</summary>
    private async Task SendAsync(string sessionId, string method, object message)
    {
        try
        {
            await hub.Clients.Group(SessionEvents.ListGroup).SendAsync(method, message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "session {Session}: could not update the session list", sessionId);
        }
    }
}
