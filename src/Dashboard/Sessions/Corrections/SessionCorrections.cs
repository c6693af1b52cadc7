using EmoStream.Sessions.Storage;

namespace EmoStream.Sessions.Corrections;

/// <summary>
/// People's corrections of the model's answers: stored as feedback beside each utterance (who, when, the model's
/// answer and the correction; the utterance's own emotion never changes), and the correction in force shown with its
/// utterance wherever a session's utterances are listed (the detail, a viewer's catch-up on the hub, the exports).
/// </summary>
public sealed class SessionCorrections(ISessionStore store, TimeProvider time)
{
    /// <summary>What the CSV export writes for a correction to "none of these" (a null emotion).</summary>
    public const string NoneOfThese = "none of these";

    /// <summary>Stores <paramref name="author"/>'s correction of the utterance at <paramref name="index"/>, now.</summary>
    /// <param name="emotion">One of the utterance's classes (its probabilities' keys; any case), or null for "none of these".</param>
    /// <exception cref="UnknownUtteranceException">There is no such session, or no such utterance in it.</exception>
    /// <exception cref="CorrectionRefusedException">The emotion is not one of the session's classes.</exception>
    public async Task<CorrectionRecord> CorrectAsync(string sessionId, int index, string? emotion, string author, CancellationToken cancellationToken = default)
    {
        if (await store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false) is null)
            throw new UnknownUtteranceException($"no session '{sessionId}'");
        var utterance = index < 0 ? null : (await store.GetUtterancesAsync(sessionId, index, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        if (utterance is null || utterance.Index != index) throw new UnknownUtteranceException($"session '{sessionId}' has no utterance {index}");
        string? chosen = null;
        if (emotion is not null)
        {
            // The session's model classes: the same keys, in the model's order, on every utterance it scored.
            var classes = utterance.Probabilities.Keys;
            chosen = classes.FirstOrDefault(c => string.Equals(c, emotion, StringComparison.OrdinalIgnoreCase))
                ?? throw new CorrectionRefusedException("emotion",
                    $"'{emotion}' is not one of this session's classes ({string.Join(", ", classes)}); null marks the utterance as none of these");
        }
        try
        {
            return await store.AddCorrectionAsync(sessionId, index, chosen, author, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            throw new UnknownUtteranceException(e.Message); // the session was deleted meanwhile
        }
    }

    /// <summary>The session's stored utterances from <paramref name="fromIndex"/>, in order, each with the correction in force.</summary>
    public async Task<IReadOnlyList<UtteranceRecord>> GetUtterancesAsync(string sessionId, int fromIndex = 0, CancellationToken cancellationToken = default)
    {
        var utterances = await store.GetUtterancesAsync(sessionId, fromIndex, cancellationToken).ConfigureAwait(false);
        if (utterances.Count == 0) return utterances;
        return InForce(utterances, await store.GetCorrectionsAsync(sessionId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Each utterance with the latest of its corrections (<paramref name="corrections"/> oldest first), if any.</summary>
    public static IReadOnlyList<UtteranceRecord> InForce(IReadOnlyList<UtteranceRecord> utterances, IReadOnlyList<CorrectionRecord> corrections)
    {
        if (corrections.Count == 0) return utterances;
        var latest = new Dictionary<int, CorrectionRecord>();
        foreach (var correction in corrections) latest[correction.Index] = correction;
        return [.. utterances.Select(u => latest.TryGetValue(u.Index, out var c) ? u with { Correction = CorrectionInForce.Of(c) } : u)];
    }
}

/// <summary>A correction names a session or an utterance that does not exist.</summary>
public sealed class UnknownUtteranceException(string message) : Exception(message);

/// <summary>A correction the server does not accept; <see cref="Field"/> names what is wrong, <see cref="Problem"/> says why and what is allowed.</summary>
public sealed class CorrectionRefusedException(string field, string problem) : Exception($"{field}: {problem}")
{
    public string Field { get; } = field;

    public string Problem { get; } = problem;
}
