namespace EmoStream.Sessions.Alerts;

/// <summary>
/// An alert as it stands after an utterance raised, extended or ended it: a run of <see cref="Length"/> utterances
/// of <see cref="Speaker"/> each classified as one of the rule's emotions (the other speakers' turns in between do
/// not break it). Times are seconds on the session's clock.
/// </summary>
/// <param name="Number">The alert's number in its session, from 1; later states of the same alert keep it.</param>
/// <param name="FromIndex">Index of the run's first utterance.</param>
/// <param name="ToIndex">Index of the run's last utterance so far.</param>
/// <param name="Counts">How many of the run's utterances had each emotion.</param>
/// <param name="Ongoing">True until the speaker says something with another emotion.</param>
public sealed record AlertRecord(
    int Number,
    string Speaker,
    int FromIndex,
    int ToIndex,
    double Start,
    double End,
    int Length,
    IReadOnlyDictionary<string, int> Counts,
    bool Ongoing)
{
    /// <summary>Equal when every field is, <see cref="Counts"/> by content (a stored alert equals the one sent).</summary>
    public bool Equals(AlertRecord? other) =>
        other is not null && Number == other.Number && Speaker == other.Speaker && FromIndex == other.FromIndex && ToIndex == other.ToIndex
        && Start.Equals(other.Start) && End.Equals(other.End) && Length == other.Length && Ongoing == other.Ongoing
        && Counts.Count == other.Counts.Count && Counts.All(c => other.Counts.TryGetValue(c.Key, out var n) && n == c.Value);

    public override int GetHashCode() => HashCode.Combine(Number, Speaker, FromIndex, ToIndex, Length, Ongoing);
}
