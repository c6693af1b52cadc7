using EmoStream.Inference.Conversations;
using EmoStream.Inference.Corpora;

namespace EmoStream.Inference.Tests.Conversations;

public class ConversationPlannerTests
{
    /// <summary>Four speakers, each with six clips of every emotion.</summary>
    private static CorpusUtterance[] Clips() =>
        (from speaker in new[] { "s1", "s2", "s3", "s4" }
         from label in EmotionClasses.All
         from k in Enumerable.Range(0, 6)
         select new CorpusUtterance($"{speaker}-{label}-{k}", $"{speaker}-{label}-{k}", 0, speaker, speaker, label, "words", $"{speaker}.wav", null, null)).ToArray();

    [Fact]
    public void Two_speakers_take_turns_and_every_turn_is_a_clip_of_its_speaker()
    {
        var plans = ConversationPlanner.FromClips(Clips(), count: 6, turns: 10, EmotionDynamics.Dialogue, seed: 1);

        Assert.Equal(6, plans.Count);
        foreach (var plan in plans)
        {
            Assert.Equal(2, plan.Speakers.Count);
            Assert.NotEqual(plan.Speakers[0], plan.Speakers[1]);
            Assert.Equal(10, plan.Turns.Count);
            for (var t = 0; t < plan.Turns.Count; t++) Assert.Equal(plan.Speakers[t % 2], plan.Turns[t].Speaker);
            // Each speaker has six clips of each emotion: none is needed twice in 5 turns.
            Assert.Equal(plan.Turns.Count, plan.Turns.Distinct().Count());
        }
        // Pairs rotate: every speaker is heard.
        Assert.Equal(4, plans.SelectMany(p => p.Speakers).Distinct().Count());
    }

    [Fact]
    public void The_same_seed_gives_the_same_conversations_and_another_seed_others()
    {
        var a = ConversationPlanner.FromClips(Clips(), 3, 8, EmotionDynamics.Dialogue, seed: 5);
        var b = ConversationPlanner.FromClips(Clips(), 3, 8, EmotionDynamics.Dialogue, seed: 5);
        var c = ConversationPlanner.FromClips(Clips(), 3, 8, EmotionDynamics.Dialogue, seed: 6);
        Assert.Equal(a.SelectMany(p => p.Turns.Select(t => t.Id)), b.SelectMany(p => p.Turns.Select(t => t.Id)));
        Assert.NotEqual(a.SelectMany(p => p.Turns.Select(t => t.Id)), c.SelectMany(p => p.Turns.Select(t => t.Id)));
    }

    [Fact]
    public void Emotions_persist_within_a_speaker_and_carry_over_between_speakers()
    {
        static (double Own, double Other) Persistence(IReadOnlyList<ConversationPlan> plans)
        {
            int own = 0, other = 0, n = 0;
            foreach (var plan in plans)
                for (var t = 2; t < plan.Turns.Count; t++, n++)
                {
                    if (plan.Turns[t].Label == plan.Turns[t - 2].Label) own++;
                    if (plan.Turns[t].Label == plan.Turns[t - 1].Label) other++;
                }
            return ((double)own / n, (double)other / n);
        }
        var chained = Persistence(ConversationPlanner.FromClips(Clips(), count: 200, turns: 20, EmotionDynamics.Dialogue, seed: 2));
        var independent = Persistence(ConversationPlanner.FromClips(Clips(), count: 200, turns: 20, EmotionDynamics.Independent, seed: 2));
        // Independent draws match a quarter of the time; the chain well above that, with the speaker's own last turn and the other's alike.
        Assert.InRange(chained.Own, 0.45, 0.7);
        Assert.InRange(chained.Other, 0.45, 0.7);
        Assert.InRange(independent.Own, 0.2, 0.3);
        Assert.InRange(independent.Other, 0.2, 0.3);
    }

    [Fact]
    public void Dialogue_corpora_keep_their_dialogues_in_order()
    {
        var utterances = Enumerable.Range(0, 5).Select(i =>
            new CorpusUtterance($"u{i}", i < 3 ? "d1" : "d2", i, i % 2 == 0 ? "x" : "y", "g", null, $"line {i}", null, null, null)).ToArray();
        var corpus = Corpus.FromUtterances("/tmp", utterances);

        var plans = ConversationPlanner.FromDialogues(corpus.Dialogues, null, 1);

        Assert.False(ConversationPlanner.IsClipCorpus(corpus.Dialogues));
        Assert.Equal(["u0", "u1", "u2"], plans[0].Turns.Select(t => t.Id));
        Assert.Equal(["x", "y"], plans[0].Speakers);
        Assert.Single(ConversationPlanner.FromDialogues(corpus.Dialogues, 1, 1));
    }

    [Fact]
    public void One_speaker_is_not_a_conversation()
    {
        var clips = Clips().Where(c => c.Speaker == "s1").ToArray();
        var e = Assert.Throws<ArgumentException>(() => ConversationPlanner.FromClips(clips, 1, 4, EmotionDynamics.Dialogue, 1));
        Assert.Contains("at least two speakers", e.Message);
    }
}
