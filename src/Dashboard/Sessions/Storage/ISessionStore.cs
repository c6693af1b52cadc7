namespace EmoStream.Sessions.Storage;

/// <summary>
/// Sessions and their scored utterances. Implementations are safe for concurrent use by many sessions; each call
/// is durable when its task completes (the pipeline publishes a result only after that).
/// </summary>
public interface ISessionStore
{
    /// <exception cref="StorageFullException">No room left for it; nothing was stored.</exception>
    Task CreateSessionAsync(SessionRecord session, CancellationToken cancellationToken = default);

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

    /// <summary>Removes a session with its utterances; false when there was none.</summary>
    Task<bool> DeleteSessionAsync(string sessionId, CancellationToken cancellationToken = default);
}
