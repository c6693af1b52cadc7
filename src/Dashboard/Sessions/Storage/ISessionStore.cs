namespace EmoStream.Sessions.Storage;

/// <summary>
/// Sessions and their scored utterances. Implementations are safe for concurrent use by many sessions and by several
/// processes (nodes) sharing one database; each call is durable when its task completes (the pipeline publishes a
/// result only after that). <see cref="SqliteSessionStore"/> and <see cref="PostgresSessionStore"/> pass one contract
/// suite (tests/Sessions.Tests/Storage/SessionStoreContract.cs).
/// </summary>
public interface ISessionStore
{
    /// <summary>Records a new session, owned by this process (<see cref="SessionOwner.Current"/>).</summary>
    Task CreateSessionAsync(SessionRecord session, CancellationToken cancellationToken = default);

    /// <exception cref="InvalidOperationException">There is no such session.</exception>
    Task EndSessionAsync(string sessionId, SessionStatus status, DateTimeOffset endedUtc, string? detail, CancellationToken cancellationToken = default);

    /// <param name="audio">The utterance's samples and their rate, to keep; or null.</param>
    Task AddUtteranceAsync(UtteranceRecord utterance, UtteranceAudio? audio, CancellationToken cancellationToken = default);

    Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<SessionRecord>> ListSessionsAsync(CancellationToken cancellationToken = default);

    /// <summary>How many utterances each session has stored; sessions without any are absent.</summary>
    Task<IReadOnlyDictionary<string, int>> CountUtterancesAsync(CancellationToken cancellationToken = default);

    /// <summary>In index order; <paramref name="fromIndex"/> lets a dashboard that reconnects fetch only what it missed.</summary>
    Task<IReadOnlyList<UtteranceRecord>> GetUtterancesAsync(string sessionId, int fromIndex = 0, CancellationToken cancellationToken = default);

    /// <summary>The stored audio of one utterance; null when none was kept.</summary>
    Task<UtteranceAudio?> GetUtteranceAudioAsync(string sessionId, int index, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a session's end only while it is still running, so that when several processes try (a survivor marking a
    /// dead node's sessions, the owner ending them) the first end stays. True when this call ended it.
    /// </summary>
    Task<bool> EndIfRunningAsync(string sessionId, SessionStatus status, DateTimeOffset endedUtc, string? detail, CancellationToken cancellationToken = default);

    /// <summary>Every session still running, with the process that runs it.</summary>
    Task<IReadOnlyList<SessionOwnership>> ListRunningAsync(CancellationToken cancellationToken = default);

    /// <summary>The <see cref="SessionOwner.Token"/> of the process that created a session; null when none was recorded or there is no such session.</summary>
    Task<string?> GetOwnerAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Removes a session with its utterances; false when there was none.</summary>
    Task<bool> DeleteSessionAsync(string sessionId, CancellationToken cancellationToken = default);
}

/// <summary>A running session and its owner's <see cref="SessionOwner.Token"/> (null: written before owners were recorded).</summary>
public sealed record SessionOwnership(string SessionId, string? Owner);
