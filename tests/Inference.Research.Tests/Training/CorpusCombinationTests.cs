using EmoStream.Inference.Corpora;
using EmoStream.Inference.Features;
using EmoStream.Inference.Model;
using EmoStream.Inference.Training;
using EmoStream.Testing;

namespace EmoStream.Inference.Tests.Training;

[Collection(LibTorchGenerator.Name)]
public sealed class CorpusCombinationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-combine-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Corpus Write(string name, SyntheticCorpusSpec spec) => SyntheticCorpus.Write(Path.Combine(_dir, name), spec);

    private static void DropFeatures(Corpus corpus, Modality modality)
    {
        var store = new FeatureStore(corpus.Directory);
        foreach (var (path, _) in store.List(modality)) File.Delete(path);
    }

    [Fact]
    public void A_corpus_without_text_features_trains_beside_one_with_them_as_missing_lexical_utterances()
    {
        var spec = new SyntheticCorpusSpec(Groups: 2, DialoguesPerGroup: 3, MinTurns: 4, MaxTurns: 6);
        var withText = Write("a", spec with { Prefix = "a-" });
        var audioOnly = Write("b", spec with { Prefix = "b-" });
        DropFeatures(audioOnly, Modality.Lexical);

        var corpora = new[] { withText, audioOnly };
        var features = FeatureInputs.Load(corpora, acoustic: true, lexical: true);
        var corpus = CorpusCombination.Combine(corpora);
        using var data = TrainingSet.Build(corpus, features, ["a-1", "b-1"], ["a-2", "b-2"], ["a-2", "b-2"]);

        Assert.Equal(withText.Utterances.Count + audioOnly.Utterances.Count, corpus.Utterances.Count);
        Assert.Equal(["a-1", "a-2", "b-1", "b-2"], corpus.Groups);
        Assert.Equal(8, data.Speakers.Count);
        Assert.Equal(spec.LexicalDim, features.LexicalDim);
        foreach (var d in data.Train.Concat(data.Test))
        {
            var present = d.Present.data<bool>().ToArray();
            var textPresent = Enumerable.Range(0, d.Length).Select(i => present[2 * i + 1]).ToArray();
            var audioPresent = Enumerable.Range(0, d.Length).Select(i => present[2 * i]).ToArray();
            Assert.All(audioPresent, Assert.True);
            if (d.Group.StartsWith("b-")) Assert.All(textPresent, Assert.False);
            else Assert.Contains(true, textPresent);
        }

        // One short run on the combined set: both corpora's speakers are classes of one speaker classifier.
        var result = Experiment.Run(data, features, new ModelOptions { Mode = ContextMode.Causal }, new TrainingOptions { Epochs = 1 }, runs: 1);
        Assert.InRange(result.Wa, 0, 1);
    }

    [Fact]
    public void Feature_sets_of_one_modality_from_different_featurizers_are_refused_naming_both()
    {
        var a = Write("a", new SyntheticCorpusSpec(Groups: 1, DialoguesPerGroup: 2, Prefix: "a-"));
        var b = Write("b", new SyntheticCorpusSpec(Groups: 1, DialoguesPerGroup: 2, Prefix: "b-", Seed: 8)); // settings "seed=8"

        var e = Assert.Throws<CorpusCombinationException>(() => FeatureInputs.Load([a, b], acoustic: true, lexical: false));

        Assert.Contains("seed=7", e.Message);
        Assert.Contains("seed=8", e.Message);
        Assert.Contains(Path.Combine(_dir, "b", FeatureStore.FolderName), e.Message);
    }

    [Fact]
    public void A_modality_no_corpus_has_is_refused_with_the_command_that_fixes_it()
    {
        var a = Write("a", new SyntheticCorpusSpec(Groups: 1, DialoguesPerGroup: 2, Prefix: "a-"));
        var b = Write("b", new SyntheticCorpusSpec(Groups: 1, DialoguesPerGroup: 2, Prefix: "b-"));
        DropFeatures(a, Modality.Lexical);
        DropFeatures(b, Modality.Lexical);

        var e = Assert.Throws<CorpusFormatException>(() => FeatureInputs.Load([a, b], acoustic: true, lexical: true));

        Assert.Contains("none of the corpora has lexical features", e.Message);
        Assert.Contains("emostream featurize", e.Message);
    }

    [Fact]
    public void The_same_utterance_id_in_two_corpora_is_refused()
    {
        var a = Write("a", new SyntheticCorpusSpec(Groups: 1, DialoguesPerGroup: 2));
        var b = Write("b", new SyntheticCorpusSpec(Groups: 1, DialoguesPerGroup: 2));

        var e = Assert.Throws<CorpusCombinationException>(() => CorpusCombination.Combine([a, b]));

        Assert.Contains("g1_d00_00", e.Message);
    }
}
