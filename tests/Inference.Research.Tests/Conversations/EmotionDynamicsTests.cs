using EmoStream.Inference.Conversations;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Corpora.Importers;
using EmoStream.Testing;

namespace EmoStream.Inference.Tests.Conversations;

public class EmotionDynamicsTests
{
    [Fact]
    public void Fitting_counts_each_speakers_own_consecutive_turns()
    {
        // Speaker a: angry, angry, angry; speaker b: sad, happy. Interleaved: b's turns do not break a's chain.
        var turns = new[] { ("a", "angry"), ("b", "sad"), ("a", "angry"), ("b", "happy"), ("a", "angry") };
        var dialogue = new CorpusDialogue("d", "g", turns.Select((t, i) => new CorpusUtterance($"u{i}", "d", i, t.Item1, "g", t.Item2, null, null, null, null)).ToArray());

        var fitted = EmotionDynamics.Fit([dialogue]);

        var angry = EmotionClasses.All.ToList().IndexOf("angry");
        var sad = EmotionClasses.All.ToList().IndexOf("sad");
        var happy = EmotionClasses.All.ToList().IndexOf("happy");
        // Add-one smoothing: angry->angry seen twice of 2 (+4 pseudo-counts), sad->happy once.
        Assert.Equal(3.0 / 6, fitted.Transitions[angry][angry], 9);
        Assert.Equal(2.0 / 5, fitted.Transitions[sad][happy], 9);
    }

    [Fact]
    public void Sampling_follows_the_chain()
    {
        var random = new Random(3);
        var stays = 0;
        const int n = 20_000;
        var angry = EmotionClasses.All.ToList().IndexOf("angry");
        for (var i = 0; i < n; i++)
            if (EmotionDynamics.Dialogue.Next(angry, random) == angry) stays++;
        Assert.InRange((double)stays / n, 0.46, 0.50); // the chain's 0.48, within sampling error
    }

    [Fact]
    public void The_next_emotion_follows_the_speakers_own_or_the_other_speakers_last_one()
    {
        var identity = Enumerable.Range(0, 4).Select(i => Enumerable.Range(0, 4).Select(j => i == j ? 1.0 : 0).ToArray()).ToArray();
        var sticky = new EmotionDynamics(identity, [1, 1, 1, 1]);
        var random = new Random(1);
        var fromOther = Enumerable.Range(0, 2000).Count(_ => sticky.Next(own: 0, other: 2, random) == 2);
        Assert.InRange(fromOther / 2000.0, 0.45, 0.55);
        Assert.Equal(2, sticky.Next(own: null, other: 2, random));
        Assert.Equal(3, new EmotionDynamics(identity, [1, 1, 1, 1]) { OwnWeight = 1 }.Next(own: 3, other: 2, random));
    }

    [SkippableFact]
    public void The_default_chain_is_what_MELDs_dialogues_show()
    {
        SharedData.SkipIfAbsent();
        var dir = Directory.CreateTempSubdirectory("emostream-dynamics-").FullName;
        try
        {
            CorpusImport.Run(new MeldImporter(), new ImportOptions { Source = SharedData.Path("meld"), Output = dir });

            var fitted = EmotionDynamics.Fit(Corpus.Load(dir).Dialogues);

            // Measured on the training split alone; the import holds train and dev, so the rates agree within a few points.
            for (var from = 0; from < 4; from++)
                for (var to = 0; to < 4; to++)
                    Assert.InRange(fitted.Transitions[from][to], EmotionDynamics.Dialogue.Transitions[from][to] - 0.04,
                        EmotionDynamics.Dialogue.Transitions[from][to] + 0.04);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_malformed_chain_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new EmotionDynamics([[1, 0]], [1, 0, 0, 0]));
        Assert.Throws<ArgumentException>(() => new EmotionDynamics(Enumerable.Range(0, 4).Select(_ => new double[] { 0, 0, 0, 0 }).ToArray(), [1, 0, 0, 0]));
    }
}
