using EmoStream.Sessions;
using EmoStream.Sessions.Alerts;
using EmoStream.Sessions.Pipeline;
using EmoStream.Sessions.Storage;
using Microsoft.AspNetCore.SignalR;

namespace EmoStream.Dashboard.Hubs;

/// <summary>
/// The wallboard, live: a viewer that watches gets a tile for every running session (its record, each speaker's
/// recent utterances, its alerts), then <see cref="SessionEvents.WallboardStarted"/>, <see cref="SessionEvents.WallboardUtterance"/>
/// (a compact utterance) and <see cref="SessionEvents.WallboardEnded"/> for every session, over one group: no
/// per-session joins, no polling. Utterances carry their index, so a viewer merges the snapshot and updates in any order.
/// </summary>
public sealed class WallboardFeed(SessionRegistry host, IHubContext<SessionsHub> hub, ILogger<WallboardFeed> logger) : ISessionObserver
{
    /// <summary>Recent utterances per speaker in a tile: the speaker's trend.</summary>
    public const int TrendLength = 8;

    /// <summary>Adds the connection to the wallboard's group first, so no change after the snapshot is missed.</summary>
    public async Task<IReadOnlyList<WallboardTile>> WatchAsync(string connectionId, IGroupManager groups, CancellationToken cancellationToken)
    {
        await groups.AddToGroupAsync(connectionId, SessionEvents.WallboardGroup, cancellationToken).ConfigureAwait(false);
        var tiles = new List<WallboardTile>();
        foreach (var running in host.Running.Where(r => !r.Ended))
        {
            var stored = await host.Store.GetUtterancesAsync(running.Id, 0, cancellationToken).ConfigureAwait(false);
            var recent = stored.GroupBy(u => u.Speaker).SelectMany(g => g.TakeLast(TrendLength)).OrderBy(u => u.Index).Select(TileUtterance.Of).ToArray();
            tiles.Add(new WallboardTile(running.Session, stored.Count, recent, AlertHistory.Latest(stored)));
        }
        return tiles;
    }

    public Task UnwatchAsync(string connectionId, IGroupManager groups, CancellationToken cancellationToken) =>
        groups.RemoveFromGroupAsync(connectionId, SessionEvents.WallboardGroup, cancellationToken);

    public Task StartedAsync(RunningSession session) => SendAsync(session.Id, SessionEvents.WallboardStarted, session.Session);

    public Task UtteranceAsync(RunningSession session, UtteranceRecord utterance) => SendAsync(session.Id, SessionEvents.WallboardUtterance, TileUtterance.Of(utterance));

    public Task EndedAsync(RunningSession session, SessionOutcome outcome) => SendAsync(session.Id, SessionEvents.WallboardEnded, outcome.Session);

    /// <summary>A failure is logged only: a viewer that watches again gets the state from storage.</summary>
    private async Task SendAsync(string sessionId, string method, object message)
    {
        try
        {
            await hub.Clients.Group(SessionEvents.WallboardGroup).SendAsync(method, message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "session {Session}: could not update the wallboard", sessionId);
        }
    }
}

/// <summary>A running session as the wallboard shows it.</summary>
/// <param name="Utterances">How many it has stored.</param>
/// <param name="Recent">Each speaker's last <see cref="WallboardFeed.TrendLength"/> utterances, in index order.</param>
/// <param name="Alerts">Each alert as it stands now.</param>
public sealed record WallboardTile(SessionRecord Session, int Utterances, IReadOnlyList<TileUtterance> Recent, IReadOnlyList<AlertRecord> Alerts);

/// <summary>What a tile needs of an utterance: who, when, the emotion and its probability, the alert it changed.</summary>
public sealed record TileUtterance(string SessionId, int Index, string Speaker, double End, string Emotion, double Probability, AlertRecord? Alert)
{
    public static TileUtterance Of(UtteranceRecord u) =>
        new(u.SessionId, u.Index, u.Speaker, u.End, u.Emotion, u.Probabilities.GetValueOrDefault(u.Emotion), u.Alert);
}
