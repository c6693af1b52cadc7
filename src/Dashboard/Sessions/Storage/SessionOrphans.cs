namespace EmoStream.Sessions.Storage;

/// <summary>Sessions whose process ended without recording their end (kill -9, a crash, a node gone): recorded as ended now.</summary>
public static class SessionOrphans
{
    public const string ProcessEnded =
        "the server process running it ended before the session did (killed or crashed); what it stored before stays";

    /// <summary>
    /// Ends every session still running whose owner was a process of this machine that has ended (or that has no owner:
    /// written before owners were recorded): with the end storage could not record when it happened
    /// (<see cref="PendingEnds"/> beside <paramref name="databasePath"/>), else <see cref="SessionStatus.Interrupted"/>.
    /// Sessions of other machines are left to their nodes' failure detection.
    /// </summary>
    /// <returns>The sessions ended.</returns>
    public static async Task<IReadOnlyList<string>> InterruptEndedProcessesAsync(ISessionStore store, string databasePath,
        CancellationToken cancellationToken = default)
    {
        var marked = new List<string>();
        foreach (var (id, owner) in await store.ListRunningAsync(cancellationToken).ConfigureAwait(false))
        {
            if (SessionOwner.Parse(owner) is { } process && !process.HasEndedOnThisNode()) continue;
            // An end that storage could not record when it happened is recorded as it was; the others were cut short.
            var end = PendingEnds.Read(databasePath, id) ?? new PendingEnds.End(SessionStatus.Interrupted, DateTimeOffset.UtcNow, ProcessEnded);
            if (await store.EndIfRunningAsync(id, end.Status, end.EndedUtc, end.Detail, cancellationToken).ConfigureAwait(false)) marked.Add(id);
            PendingEnds.Remove(databasePath, id);
        }
        return marked;
    }
}
