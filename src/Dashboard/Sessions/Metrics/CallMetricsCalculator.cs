using EmoStream.Sessions.Storage;

namespace EmoStream.Sessions.Metrics;

/// <summary>Computes <see cref="CallMetrics"/> from a session's stored utterances (docs/API.md#call-metrics).</summary>
public static class CallMetricsCalculator
{
    /// <summary>Speakers on separate channels can talk at once; a single (mixed) channel has one speaker.</summary>
    public static bool SeparateChannels(IEnumerable<UtteranceRecord> utterances) => utterances.Select(u => u.Speaker).Distinct().Skip(1).Any();

    /// <param name="negativeEmotions">The emotions a negative run is made of (the alert rule's, <c>Dashboard:Alerts:Emotions</c>).</param>
    public static CallMetrics Compute(IReadOnlyList<UtteranceRecord> utterances, IReadOnlyCollection<string> negativeEmotions)
    {
        var ordered = utterances.OrderBy(u => u.Index).ToArray();
        var separate = SeparateChannels(ordered);
        var duration = ordered.Length == 0 ? 0 : Math.Max(0, ordered.Max(u => u.End));
        var speakers = ordered.Select(u => u.Speaker).Distinct().ToArray();
        var time = Sweep(ordered, speakers);
        var interruptions = Interruptions(ordered);
        var runs = speakers.Select(s => LongestRun(ordered.Where(u => u.Speaker == s), negativeEmotions)).ToArray();

        var perSpeaker = speakers.Select((s, i) =>
        {
            var own = ordered.Where(u => u.Speaker == s).ToArray();
            var words = Words(own);
            return new SpeakerMetrics(s, own.Length, time.Talk[i], Share(time.Talk[i], time.Union), 1 - Share(time.Talk[i], duration),
                separate ? time.Overlap[i] : null,
                separate ? interruptions.Count(x => x.By == s) : null,
                separate ? interruptions.Count(x => x.Of == s) : null,
                words.Count, words.PerMinute, EmotionShare(own), runs[i]);
        }).ToArray();

        var all = Words(ordered);
        return new CallMetrics(duration, time.Union, ordered.Length == 0 ? 0 : 1 - Share(time.Union, duration), separate,
            separate ? time.Overlapping : null, separate ? interruptions.Count : null, all.Count, all.PerMinute, EmotionShare(ordered),
            [.. negativeEmotions], runs.Where(r => r is not null).OrderByDescending(r => r!.Utterances).ThenByDescending(r => r!.Seconds).FirstOrDefault(),
            perSpeaker);
    }

    private static double Share(double part, double whole) => whole > 0 ? part / whole : 0;

    private sealed record SpeechTime(double Union, double Overlapping, double[] Talk, double[] Overlap);

    /// <summary>
    /// One pass over the utterances' boundaries: between two consecutive boundaries the set of speakers speaking is
    /// constant, so each piece adds to the union, to the overlap when two or more speak, and to each speaker speaking.
    /// </summary>
    private static SpeechTime Sweep(IReadOnlyList<UtteranceRecord> utterances, string[] speakers)
    {
        var index = speakers.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
        var events = utterances.Where(u => u.End > u.Start)
            .SelectMany(u => new[] { (Time: u.Start, Speaker: index[u.Speaker], Delta: 1), (Time: u.End, Speaker: index[u.Speaker], Delta: -1) })
            .OrderBy(e => e.Time).ToArray();
        var active = new int[speakers.Length];
        var talk = new double[speakers.Length];
        var overlap = new double[speakers.Length];
        double union = 0, overlapping = 0;
        for (var e = 0; e < events.Length; e++)
        {
            active[events[e].Speaker] += events[e].Delta;
            if (e + 1 == events.Length) break;
            var piece = events[e + 1].Time - events[e].Time;
            if (piece <= 0) continue;
            var speaking = active.Count(a => a > 0);
            if (speaking > 0) union += piece;
            if (speaking > 1) overlapping += piece;
            for (var s = 0; s < speakers.Length; s++)
            {
                if (active[s] <= 0) continue;
                talk[s] += piece;
                if (speaking > 1) overlap[s] += piece;
            }
        }
        return new SpeechTime(union, overlapping, talk, overlap);
    }

    /// <summary>Each utterance that began strictly inside another speaker's utterance: who interrupted whom (once per utterance).</summary>
    private static List<(string By, string Of)> Interruptions(IReadOnlyList<UtteranceRecord> utterances)
    {
        var found = new List<(string, string)>();
        foreach (var u in utterances)
        {
            var under = utterances.Where(v => v.Speaker != u.Speaker && v.Start < u.Start && u.Start < v.End)
                .OrderByDescending(v => v.Start).FirstOrDefault();
            if (under is not null) found.Add((u.Speaker, under.Speaker));
        }
        return found;
    }

    private static (int Count, double? PerMinute) Words(IReadOnlyList<UtteranceRecord> utterances)
    {
        var withText = utterances.Where(u => !string.IsNullOrWhiteSpace(u.Transcript)).ToArray();
        var words = withText.Sum(u => CountWords(u.Transcript!));
        var minutes = withText.Sum(u => Math.Max(0, u.End - u.Start)) / 60;
        return (words, minutes > 0 ? words / minutes : null);
    }

    /// <summary>Whitespace-separated tokens holding a letter or digit (a lone dash or ellipsis is no word).</summary>
    internal static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(t => t.Any(char.IsLetterOrDigit));

    private static IReadOnlyDictionary<string, double> EmotionShare(IReadOnlyList<UtteranceRecord> utterances)
    {
        var total = utterances.Sum(u => Math.Max(0, u.End - u.Start));
        return utterances.GroupBy(u => u.Emotion).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Share(g.Sum(u => Math.Max(0, u.End - u.Start)), total));
    }

    /// <summary>The speaker's longest run of consecutive negative utterances; the earliest of equally long ones.</summary>
    private static NegativeRun? LongestRun(IEnumerable<UtteranceRecord> own, IReadOnlyCollection<string> negative)
    {
        NegativeRun? best = null;
        UtteranceRecord? first = null;
        var length = 0;
        foreach (var u in own)
        {
            if (!negative.Contains(u.Emotion))
            {
                length = 0;
                continue;
            }
            if (length++ == 0) first = u;
            if (best is null || length > best.Utterances)
                best = new NegativeRun(u.Speaker, length, u.End - first!.Start, first.Index, u.Index, first.Start, u.End);
        }
        return best;
    }
}
