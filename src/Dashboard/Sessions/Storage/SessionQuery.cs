namespace EmoStream.Sessions.Storage;

/// <summary>
/// Which sessions to list and which page of them (<see cref="ISessionStore.QueryAsync"/>); every filter that is set
/// must hold. Sessions come newest first.
/// </summary>
/// <param name="Statuses">Any of these; null or empty: any status.</param>
/// <param name="From">Started at or after.</param>
/// <param name="To">Started before.</param>
/// <param name="Speaker">Named as a speaker of the session or of one of its utterances, ignoring case.</param>
/// <param name="Emotion">At least one utterance classified so.</param>
/// <param name="Alert">True: at least one utterance raised, extended or ended an alert; false: none did.</param>
/// <param name="Offset">Sessions to skip.</param>
/// <param name="Limit">At most this many on the page.</param>
public sealed record SessionQuery(
    IReadOnlyCollection<SessionStatus>? Statuses = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Speaker = null,
    string? Emotion = null,
    bool? Alert = null,
    int Offset = 0,
    int Limit = 50)
{
    /// <summary>Whether a filter needs the utterances (not only the session record).</summary>
    public bool NeedsUtterances => Speaker is not null || Emotion is not null || Alert is not null;

    /// <summary>The filters applied to one session and its utterances: the definition stores that query in their own language must match.</summary>
    public bool Matches(SessionRecord session, IReadOnlyList<UtteranceRecord> utterances) =>
        (Statuses is not { Count: > 0 } || Statuses.Contains(session.Status))
        && (From is not { } from || session.CreatedUtc >= from)
        && (To is not { } to || session.CreatedUtc < to)
        && (Speaker is null || session.Speakers.Concat(utterances.Select(u => u.Speaker)).Any(s => string.Equals(s, Speaker, StringComparison.OrdinalIgnoreCase)))
        && (Emotion is null || utterances.Any(u => u.Emotion == Emotion))
        && (Alert is not { } alert || utterances.Any(u => u.Alert is not null) == alert);
}

/// <summary>One page of the sessions a <see cref="SessionQuery"/> selects, and how many it selects in all.</summary>
public sealed record SessionPage(IReadOnlyList<SessionRecord> Sessions, int Total);
