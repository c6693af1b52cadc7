using Microsoft.AspNetCore.SignalR;

namespace EmoStream.Dashboard.Hubs;

/// <summary>
/// <c>/hubs/sessions</c>: a dashboard calls <c>JoinSession(id, fromIndex)</c> and receives
/// <see cref="SessionEvents.Utterance"/> for every stored result from <c>fromIndex</c> on (what it missed first,
/// then live, in order), then <see cref="SessionEvents.SessionEnded"/>, and <see cref="SessionEvents.UtteranceCorrected"/>
/// for every correction stored while it stays joined. <c>WatchSessions()</c> returns the session
/// list and subscribes to <see cref="SessionEvents.SessionUpdated"/> and <see cref="SessionEvents.SessionDeleted"/>.
/// <c>WatchWallboard()</c> returns a tile per running session and subscribes to the wallboard's events.
/// </summary>
public sealed class SessionsHub(SessionBroadcaster sessions, SessionListFeed list, WallboardFeed wallboard) : Hub
{
    public async Task JoinSession(string sessionId, int fromIndex = 0)
    {
        if (fromIndex < 0) throw new HubException($"fromIndex is {fromIndex}; expected 0 or more");
        if (!await sessions.JoinAsync(sessionId, fromIndex, Context.ConnectionId, Clients.Caller, Groups, Context.ConnectionAborted))
            throw new HubException($"no session '{sessionId}'");
    }

    public Task LeaveSession(string sessionId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, SessionEvents.Group(sessionId), Context.ConnectionAborted);

    public Task<IReadOnlyList<SessionSummary>> WatchSessions() => list.WatchAsync(Context.ConnectionId, Groups, Context.ConnectionAborted);

    public Task UnwatchSessions() => list.UnwatchAsync(Context.ConnectionId, Groups, Context.ConnectionAborted);

    public Task<IReadOnlyList<WallboardTile>> WatchWallboard() => wallboard.WatchAsync(Context.ConnectionId, Groups, Context.ConnectionAborted);

    public Task UnwatchWallboard() => wallboard.UnwatchAsync(Context.ConnectionId, Groups, Context.ConnectionAborted);
}
