namespace EmoStream.Capture.Diarization;

/// <summary>
/// Diarization error rate as NIST scores it: over the reference's speech time (less a collar around each reference
/// boundary), missed speech + false-alarm speech + speech given to the wrong speaker, under the mapping of found
/// speakers to true ones that leaves the least confusion; scored on a 10 ms grid.
/// </summary>
public sealed record DiarizationError(double Der, double Missed, double FalseAlarm, double Confusion, double ReferenceSeconds)
{
    private const double Step = 0.01;

    public static DiarizationError Measure(IReadOnlyList<SpeakerTurn> reference, IReadOnlyList<SpeakerTurn> hypothesis, double collarSeconds = 0.25)
    {
        var end = reference.Concat(hypothesis).Select(t => t.End).DefaultIfEmpty(0).Max();
        var n = (int)Math.Ceiling(end / Step) + 1;
        var truth = Grid(reference, n);
        var found = Grid(hypothesis, n);
        var scored = Enumerable.Repeat(true, n).ToArray();
        foreach (var turn in reference)
            foreach (var boundary in new[] { turn.Start, turn.End })
                for (var i = Math.Max(0, (int)((boundary - collarSeconds) / Step)); i < Math.Min(n, (int)Math.Ceiling((boundary + collarSeconds) / Step)); i++) scored[i] = false;

        var refSpeakers = reference.Select(t => t.Speaker).Distinct().Order().ToArray();
        var hypSpeakers = hypothesis.Select(t => t.Speaker).Distinct().Order().ToArray();
        var together = new Dictionary<(int, int), int>();
        int refFrames = 0, missed = 0, falseAlarm = 0, both = 0;
        for (var i = 0; i < n; i++)
        {
            if (!scored[i]) continue;
            if (truth[i] >= 0) refFrames++;
            if (truth[i] >= 0 && found[i] < 0) missed++;
            if (truth[i] < 0 && found[i] >= 0) falseAlarm++;
            if (truth[i] >= 0 && found[i] >= 0)
            {
                both++;
                together[(truth[i], found[i])] = together.GetValueOrDefault((truth[i], found[i])) + 1;
            }
        }
        var matched = BestMatch(refSpeakers, hypSpeakers, together);
        var confusion = both - matched;
        var total = Math.Max(1, refFrames);
        return new DiarizationError((missed + falseAlarm + confusion) / (double)total, missed / (double)total, falseAlarm / (double)total,
            confusion / (double)total, refFrames * Step);
    }

    /// <summary>Speaker per grid step, −1 for none (overlapping turns: the later one).</summary>
    private static int[] Grid(IReadOnlyList<SpeakerTurn> turns, int n)
    {
        var grid = Enumerable.Repeat(-1, n).ToArray();
        foreach (var turn in turns)
            for (var i = (int)Math.Round(turn.Start / Step); i < Math.Min(n, (int)Math.Round(turn.End / Step)); i++) grid[i] = turn.Speaker;
        return grid;
    }

    /// <summary>The one-to-one mapping with the most frames in common (every assignment tried: speaker counts are small).</summary>
    private static int BestMatch(int[] truth, int[] found, Dictionary<(int, int), int> together)
    {
        var best = 0;
        void Search(int r, HashSet<int> used, int sum)
        {
            if (r == truth.Length)
            {
                best = Math.Max(best, sum);
                return;
            }
            Search(r + 1, used, sum); // this true speaker left unmatched
            foreach (var h in found)
            {
                if (!used.Add(h)) continue;
                Search(r + 1, used, sum + together.GetValueOrDefault((truth[r], h)));
                used.Remove(h);
            }
        }
        Search(0, [], 0);
        return best;
    }
}
