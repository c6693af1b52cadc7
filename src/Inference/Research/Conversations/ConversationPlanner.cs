using EmoStream.Inference.Corpora;

namespace EmoStream.Inference.Conversations;

/// <summary>
/// Chooses conversations from a corpus. A corpus of one-turn clips (RAVDESS, EmoDB) gives conversations of two
/// speakers taking turns, emotions following <see cref="EmotionDynamics"/> (from the speaker's own last emotion or the
/// other speaker's), each turn a clip of that
/// speaker in that emotion (a clip is reused only when the speaker has no unused one left). A corpus of dialogues
/// (MELD, EmoryNLP, IEMOCAP) keeps its real dialogues, in order.
/// </summary>
public static class ConversationPlanner
{
    /// <summary>True when the groups' dialogues are one-turn clips to be assembled, false when they are real dialogues.</summary>
    public static bool IsClipCorpus(IEnumerable<CorpusDialogue> dialogues) => dialogues.All(d => d.Utterances.Count == 1);

    /// <summary>
    /// <paramref name="count"/> conversations of <paramref name="turns"/> turns between two speakers of the groups,
    /// from labeled clips. Same seed, same conversations.
    /// </summary>
    public static IReadOnlyList<ConversationPlan> FromClips(IReadOnlyList<CorpusUtterance> clips, int count, int turns, EmotionDynamics dynamics,
        int seed, string idPrefix = "conversation")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(turns, 2);
        var bySpeaker = clips.Where(c => c.Label is not null && EmotionClasses.IsKnown(c.Label))
            .GroupBy(c => c.Speaker, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Id, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        if (bySpeaker.Count < 2)
            throw new ArgumentException($"conversations need labeled clips of at least two speakers; the chosen groups have {bySpeaker.Count}");
        var speakers = bySpeaker.Keys.Order(StringComparer.Ordinal).ToArray();
        var random = new Random(seed);
        var uses = clips.ToDictionary(c => c.Id, _ => 0, StringComparer.Ordinal);
        var plans = new List<ConversationPlan>(count);
        for (var n = 0; n < count; n++)
        {
            // Pairs rotate through every speaker so that each is heard about equally often.
            var a = speakers[(2 * n) % speakers.Length];
            var b = speakers[(2 * n + 1 + random.Next(speakers.Length - 1)) % speakers.Length];
            if (b == a) b = speakers[(Array.IndexOf(speakers, a) + 1) % speakers.Length];
            var pair = new[] { a, b };
            var emotion = new int?[2];
            var chosen = new List<CorpusUtterance>(turns);
            for (var t = 0; t < turns; t++)
            {
                var who = t % 2;
                var clip = PickClip(bySpeaker[pair[who]], dynamics, ref emotion[who], emotion[1 - who], random, uses, chosen);
                uses[clip.Id]++;
                chosen.Add(clip);
            }
            var group = string.Join('+', pair.Select(s => bySpeaker[s][0].Group).Distinct(StringComparer.Ordinal));
            plans.Add(new ConversationPlan($"{idPrefix}{n + 1:D4}", group, pair, chosen));
        }
        return plans;
    }

    /// <summary>The groups' real dialogues in order, at most <paramref name="count"/> of them (chosen by seed when there are more).</summary>
    public static IReadOnlyList<ConversationPlan> FromDialogues(IReadOnlyList<CorpusDialogue> dialogues, int? count, int seed)
    {
        IEnumerable<CorpusDialogue> chosen = dialogues;
        if (count is { } n && n < dialogues.Count)
        {
            var random = new Random(seed);
            chosen = dialogues.OrderBy(_ => random.Next()).Take(n).OrderBy(d => d.Id, StringComparer.Ordinal);
        }
        return chosen.Select(d => new ConversationPlan(d.Id, d.Group,
            d.Utterances.Select(u => u.Speaker).Distinct(StringComparer.Ordinal).ToArray(), d.Utterances)).ToArray();
    }

    private static CorpusUtterance PickClip(CorpusUtterance[] own, EmotionDynamics dynamics, ref int? emotion, int? other, Random random,
        Dictionary<string, int> uses, List<CorpusUtterance> chosen)
    {
        // The chain proposes; a speaker without a clip in that emotion proposes again (then takes what they have).
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var next = dynamics.Next(emotion, other, random);
            var label = EmotionClasses.All[next];
            var candidates = own.Where(c => c.Label == label).ToArray();
            if (candidates.Length == 0) continue;
            emotion = next;
            return LeastUsed(candidates, random, uses, chosen);
        }
        var any = LeastUsed(own, random, uses, chosen);
        emotion = EmotionClasses.All.ToList().IndexOf(any.Label!);
        return any;
    }

    /// <summary>A clip not yet in this conversation when there is one, the least used overall, ties broken at random.</summary>
    private static CorpusUtterance LeastUsed(CorpusUtterance[] candidates, Random random, Dictionary<string, int> uses, List<CorpusUtterance> chosen)
    {
        var fresh = candidates.Where(c => !chosen.Contains(c)).ToArray();
        var pool = fresh.Length > 0 ? fresh : candidates;
        var fewest = pool.Min(c => uses[c.Id]);
        var least = pool.Where(c => uses[c.Id] == fewest).ToArray();
        return least[random.Next(least.Length)];
    }
}
