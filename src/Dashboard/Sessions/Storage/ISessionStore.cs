namespace EmoStream.Sessions.Storage;

/// <summary>
/// Sessions and their scored utterances. Implementations are safe for concurrent use by many sessions and by several
/// processes (nodes) sharing one database; each call is durable when its task completes (the pipeline publishes a
/// result only after that). <see cref="SqliteSessionStore"/> and <see cref="PostgresSessionStore"/> pass one contract
/// suite (tests/Sessions.Tests/Storage/SessionStoreContract.cs). Disposing releases what the store holds open (a
/// connection pool), so whoever opened one disposes it.
/// </summary>
public interface ISessionStore : IAsyncDisposable
{
    /// <summary>Records a new session, owned by this process (<see cref="SessionOwner.Current"/>).</summary>
    /// <exception cref="StorageFullException">No room left for it; nothing was stored.</exception>
    Task CreateSessionAsync(SessionRecord session, CancellationToken cancellationToken = default);

    /// <exception cref="InvalidOperationException">There is no such session.</exception>
    Task EndSessionAsync(string sessionId, SessionStatus status, DateTimeOffset endedUtc, string? detail, CancellationToken cancellationToken = default);

    /// <summary>Stores a scored utterance with what is kept beside it, in one transaction: all of it or nothing.</summary>
    /// <param name="audio">The utterance's samples and their rate, to keep; or null.</param>
    /// <param name="features">The vectors the model scored, to keep (<see cref="StorageOptions.StoreFeatures"/>); or null.</param>
    Task AddUtteranceAsync(UtteranceRecord utterance, UtteranceAudio? audio, UtteranceFeatures? features, CancellationToken cancellationToken = default);

    /// <summary>The stored features of a session's utterances, in index order; utterances stored without features are absent.</summary>
    Task<IReadOnlyList<StoredFeatures>> GetFeaturesAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Stores a correction (never touching the utterance's own emotion); returns it with its Id.</summary>
    /// <param name="emotion">The emotion set; null for "none of these". Not checked against the model's classes here.</param>
    /// <exception cref="InvalidOperationException">There is no such utterance.</exception>
    Task<CorrectionRecord> AddCorrectionAsync(string sessionId, int index, string? emotion, string author, DateTimeOffset createdUtc,
        CancellationToken cancellationToken = default);

    /// <summary>Every correction of the session, oldest first (the latest per utterance is the one in force).</summary>
    Task<IReadOnlyList<CorrectionRecord>> GetCorrectionsAsync(string sessionId, CancellationToken cancellationToken = default);

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

    /// <summary>Removes a session with everything stored for it (utterances, audio, features, corrections); false when there was none.</summary>
    Task<bool> DeleteSessionAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the sessions <paramref name="query"/> selects, newest first, and their number. This default applies
    /// <see cref="SessionQuery.Matches"/> to every session in memory; a store that can query overrides it.
    /// </summary>
    async Task<SessionPage> QueryAsync(SessionQuery query, CancellationToken cancellationToken = default)
    {
        var matching = new List<SessionRecord>();
        foreach (var session in await ListSessionsAsync(cancellationToken).ConfigureAwait(false))
        {
            var utterances = query.NeedsUtterances ? await GetUtterancesAsync(session.Id, 0, cancellationToken).ConfigureAwait(false) : [];
            if (query.Matches(session, utterances)) matching.Add(session);
        }
        return new SessionPage([.. matching.Skip(query.Offset).Take(query.Limit)], matching.Count);
    }

    /// <summary>Deletes the stored audio of the sessions, not running, that started before <paramref name="createdBefore"/>; returns how many utterances lost theirs.</summary>
    /// <exception cref="NotSupportedException">The store cannot delete audio on its own.</exception>
    Task<int> DeleteAudioAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} cannot delete audio apart from its sessions");
}

/// <summary>A running session and its owner's <see cref="SessionOwner.Token"/> (null: written before owners were recorded).</summary>
public sealed record SessionOwnership(string SessionId, string? Owner);
