namespace EmoStream.Inference.Conversations;

/// <summary>Where the live pipeline found speech: the detected utterance's channel and speech extent, in seconds.</summary>
public sealed record DetectedSpan(int Channel, double Start, double End);

/// <summary>How a true turn came out of segmentation.</summary>
public enum TurnOutcome
{
    /// <summary>One detected utterance, its ends within the tolerance of the turn's.</summary>
    Found,

    /// <summary>Cut into two or more detected utterances.</summary>
    Split,

    /// <summary>One detected utterance whose ends are off by more than the tolerance (joined with a neighbour, or clipped).</summary>
    Misaligned,

    /// <summary>No detected utterance.</summary>
    Missed,
}

/// <summary>
/// Matches detected utterances to the turns they came from: each detected utterance goes to the turn on its channel
/// that it overlaps most (none when it overlaps no turn: noise), and each turn is then found, split, misaligned
/// or missed.
/// </summary>
public static class TurnMatcher
{
    /// <summary>The and users' criterion: a turn's detected ends within half a second of the true ones.</summary>
    public const double DefaultTolerance = 0.5;

    public sealed record Result(IReadOnlyList<int> TurnOfDetected, IReadOnlyList<IReadOnlyList<int>> DetectedOfTurn, IReadOnlyList<TurnOutcome> Outcomes)
    {
        public int Count(TurnOutcome outcome) => Outcomes.Count(o => o == outcome);
    }

    public static Result Match(IReadOnlyList<TurnSpan> turns, IReadOnlyList<DetectedSpan> detected, double tolerance = DefaultTolerance)
    {
        var turnOf = new int[detected.Count];
        var ofTurn = turns.Select(_ => new List<int>()).ToArray();
        for (var d = 0; d < detected.Count; d++)
        {
            turnOf[d] = -1;
            var best = 0.0;
            for (var t = 0; t < turns.Count; t++)
            {
                if (turns[t].Channel != detected[d].Channel) continue;
                var overlap = Math.Min(turns[t].End, detected[d].End) - Math.Max(turns[t].Start, detected[d].Start);
                if (overlap > best) { best = overlap; turnOf[d] = t; }
            }
            if (turnOf[d] >= 0) ofTurn[turnOf[d]].Add(d);
        }
        var outcomes = new TurnOutcome[turns.Count];
        for (var t = 0; t < turns.Count; t++)
            outcomes[t] = ofTurn[t].Count switch
            {
                0 => TurnOutcome.Missed,
                > 1 => TurnOutcome.Split,
                _ => Math.Abs(detected[ofTurn[t][0]].Start - turns[t].Start) <= tolerance && Math.Abs(detected[ofTurn[t][0]].End - turns[t].End) <= tolerance
                    ? TurnOutcome.Found
                    : TurnOutcome.Misaligned,
            };
        return new Result(turnOf, ofTurn, outcomes);
    }

    /// <summary>The share of a detected utterance that lies inside a turn (its label applies to it only when most of it does).</summary>
    public static double Inside(DetectedSpan d, TurnSpan t) =>
        d.End <= d.Start ? 0 : Math.Max(0, Math.Min(t.End, d.End) - Math.Max(t.Start, d.Start)) / (d.End - d.Start);
}
