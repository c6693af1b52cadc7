namespace EmoStream.Dashboard.Cluster;

/// <summary>
/// What this node asks of the node that runs a session it does not run (<see cref="RedisCluster"/>); a node alone
/// (<see cref="SingleNode"/>) runs every session there is, so there is nobody to ask.
/// </summary>
public interface ISessionCluster
{
    /// <summary>Stops a session running on another node and waits until it drained; false when no node runs it.</summary>
    Task<bool> StopElsewhereAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the node that runs a session hold back its results until the hold is disposed (at most a few seconds), so
    /// a viewer here catches up from storage up to <see cref="SessionHold.LastPublished"/> and joins the live flow
    /// without a gap or a repeat. Null when no node runs it.
    /// </summary>
    Task<SessionHold?> HoldAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>The address of the node that runs a session (for an ingest connection that reached another node); null when unknown.</summary>
    Task<string?> NodeAddressAsync(string sessionId, CancellationToken cancellationToken);
}

/// <summary>A session's results held back on its node; disposing lets them flow again.</summary>
public sealed class SessionHold(int lastPublished, Func<Task> release) : IAsyncDisposable
{
    /// <summary>Index of the last result the node published before the hold; -1 before the first.</summary>
    public int LastPublished { get; } = lastPublished;

    public async ValueTask DisposeAsync() => await release().ConfigureAwait(false);
}

/// <summary>One node, no cluster: every session there is runs here.</summary>
public sealed class SingleNode : ISessionCluster
{
    public Task<bool> StopElsewhereAsync(string sessionId, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<SessionHold?> HoldAsync(string sessionId, CancellationToken cancellationToken) => Task.FromResult<SessionHold?>(null);

    public Task<string?> NodeAddressAsync(string sessionId, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
