using EmoStream.Inference.Corpora;
using EmoStream.Inference.Features;
using EmoStream.Inference.Features.Lexical;

namespace EmoStream.Inference.Tests.Features;

/// <summary>Featurizing a corpus's text with the real MiniLM encoder: batched, with progress, missing text kept missing.</summary>
public sealed class MiniLmCorpusFeaturizingTests
{
    private static readonly MiniLmLexicalFeaturizer Featurizer = new();

    [Fact]
    public void Corpus_featurizing_stores_batched_vectors_and_missing_text()
    {
        var dir = Directory.CreateTempSubdirectory("emostream-minilm-").FullName;
        try
        {
            string?[] texts = ["Hello there.", null, "I hate this!", "...", "We won! We actually won!"];
            var utterances = texts.Select((t, i) => new CorpusUtterance($"u{i}", "d1", i, i % 2 == 0 ? "A" : "B", "1", "neutral", t, null, null, null)).ToArray();
            CorpusManifest.Write(dir, utterances);
            var corpus = Corpus.Load(dir);
            var reports = new List<FeaturizeProgress>();

            var summary = CorpusFeaturizer.Lexical(corpus, Featurizer, new SyncProgress(reports.Add), parallelism: 2);

            Assert.Equal(3, summary.Done);
            Assert.Equal(2, summary.Missing);
            Assert.Equal(texts.Length, reports[^1].Handled);
            var stored = new FeatureStore(dir).Find(Modality.Lexical)!;
            Assert.True(stored.Info.SameAs(Featurizer.Info));
            for (var i = 0; i < texts.Length; i++)
            {
                Assert.True(stored.TryGet($"u{i}", out var vector));
                var single = Featurizer.Extract(texts[i]);
                if (single is null) Assert.Null(vector);
                else for (var d = 0; d < single.Length; d++) Assert.Equal(single[d], vector![d], 1e-5f);
            }
            var again = CorpusFeaturizer.Lexical(corpus, Featurizer);
            Assert.Equal(texts.Length, again.Skipped);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed class SyncProgress(Action<FeaturizeProgress> report) : IProgress<FeaturizeProgress>
    {
        public void Report(FeaturizeProgress value) => report(value);
    }
}
