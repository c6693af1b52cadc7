using EmoStream.Sessions.Storage;

namespace EmoStream.Dashboard.Cli.Adaptation;

/// <summary>
/// Which stored sessions <c>emostream adapt</c> learns from (<c>--session</c>, <c>--from</c>, <c>--to</c>,
/// <c>--status</c>); every filter given must hold. Running sessions are never taken: they are still growing.
/// </summary>
public sealed record SessionSelection(IReadOnlyCollection<string> Ids, DateTimeOffset? From, DateTimeOffset? To, IReadOnlyCollection<SessionStatus> Statuses)
{
    public static readonly IReadOnlyCollection<SessionStatus> Ended =
        [SessionStatus.Completed, SessionStatus.Stopped, SessionStatus.Failed, SessionStatus.Interrupted];

    public async Task<IReadOnlyList<SessionRecord>> SelectAsync(ISessionStore store, CancellationToken ct)
    {
        var statuses = Statuses.Count == 0 ? Ended : Statuses;
        if (Ids.Count > 0)
        {
            var chosen = new List<SessionRecord>();
            foreach (var id in Ids)
            {
                var session = await store.GetSessionAsync(id, ct).ConfigureAwait(false)
                    ?? throw new CliUsageException($"--session: there is no session '{id}' in the store");
                if (session.Status == SessionStatus.Running)
                    throw new CliUsageException($"--session: session '{id}' is still running; adapt once it has ended");
                if (Matches(session, statuses)) chosen.Add(session);
            }
            return chosen;
        }
        var query = new SessionQuery(statuses, From, To, Limit: 500);
        var all = new List<SessionRecord>();
        for (var offset = 0; ; offset += query.Limit)
        {
            var page = await store.QueryAsync(query with { Offset = offset }, ct).ConfigureAwait(false);
            all.AddRange(page.Sessions);
            if (page.Sessions.Count < query.Limit) break;
        }
        // Oldest first, so the same selection always trains on the same order.
        return all.OrderBy(s => s.CreatedUtc).ThenBy(s => s.Id, StringComparer.Ordinal).ToArray();
    }

    private bool Matches(SessionRecord s, IReadOnlyCollection<SessionStatus> statuses) =>
        statuses.Contains(s.Status) && (From is not { } from || s.CreatedUtc >= from) && (To is not { } to || s.CreatedUtc < to);
}
