using EmoStream.Inference.Corpora;
using EmoStream.Inference.Features;

namespace EmoStream.Inference.Training;

/// <summary>The stored feature sets a model reads from a corpus; a null set means the model has no such branch.</summary>
public sealed record FeatureInputs(FeatureSet? Acoustic, FeatureSet? Lexical)
{
    public int AcousticDim => Acoustic?.Info.Dimension ?? 0;
    public int LexicalDim => Lexical?.Info.Dimension ?? 0;

    /// <summary>
    /// Loads the corpus's stored features for the requested modalities. Refuses, with the command that fixes it, a
    /// corpus that has none for a requested modality or whose sets lack utterances that have audio or text.
    /// </summary>
    public static FeatureInputs Load(Corpus corpus, bool acoustic, bool lexical, string? acousticSet = null, string? lexicalSet = null)
    {
        var store = new FeatureStore(corpus.Directory);
        var a = acoustic ? Require(store, corpus, Modality.Acoustic, acousticSet) : null;
        var t = lexical ? Require(store, corpus, Modality.Lexical, lexicalSet) : null;
        return new FeatureInputs(a, t);
    }

    /// <summary>
    /// The features of several corpora, merged per modality. A corpus with no stored set for a modality contributes
    /// utterances that lack it (masked in fusion), e.g. an acted-speech corpus without text. Every set of one
    /// modality must come from the same featurizer, settings and dimension; at least one corpus must have each.
    /// </summary>
    public static FeatureInputs Load(IReadOnlyList<Corpus> corpora, bool acoustic, bool lexical, string? acousticSet = null, string? lexicalSet = null)
    {
        if (corpora.Count == 1) return Load(corpora[0], acoustic, lexical, acousticSet, lexicalSet);
        var a = acoustic ? Merge(corpora, Modality.Acoustic, acousticSet) : null;
        var t = lexical ? Merge(corpora, Modality.Lexical, lexicalSet) : null;
        return new FeatureInputs(a, t);
    }

    private static FeatureSet Merge(IReadOnlyList<Corpus> corpora, Modality modality, string? name)
    {
        FeatureSet? merged = null;
        string? first = null;
        foreach (var corpus in corpora)
        {
            var store = new FeatureStore(corpus.Directory);
            if (store.List(modality).Count == 0) continue;
            var set = Require(store, corpus, modality, name);
            if (merged is null)
            {
                merged = new FeatureSet(set.Info);
                first = store.PathFor(set.Info);
            }
            else if (!merged.Info.SameAs(set.Info))
                throw new CorpusCombinationException(
                    $"{store.PathFor(set.Info)} holds {modality.ToString().ToLowerInvariant()} features from {set.Info}, but {first} holds {merged.Info}; " +
                    "one model reads one featurizer per modality: featurize the corpora with the same set");
            foreach (var (id, vector) in set.Entries) merged.Add(id, vector);
        }
        return merged ?? throw new CorpusFormatException(string.Join(", ", corpora.Select(c => new FeatureStore(c.Directory).Directory)), null, null,
            $"none of the corpora has {modality.ToString().ToLowerInvariant()} features; run `emostream featurize --corpus DIR` on at least one");
    }

    private static FeatureSet Require(FeatureStore store, Corpus corpus, Modality modality, string? name)
    {
        var set = store.Find(modality, name);
        var kind = modality.ToString().ToLowerInvariant();
        if (set is null)
            throw new CorpusFormatException(store.Directory, null, null,
                $"the corpus has no {kind} features; run `emostream featurize --corpus {corpus.Directory}` first");
        var lacking = corpus.Utterances
            .Where(u => (modality == Modality.Acoustic ? u.Audio : u.Text) is not null && !set.Contains(u.Id))
            .Select(u => u.Id)
            .ToArray();
        if (lacking.Length > 0)
            throw new CorpusFormatException(store.PathFor(set.Info), null, null,
                $"{lacking.Length} utterance(s) with {(modality == Modality.Acoustic ? "audio" : "text")} have no {kind} features " +
                $"(first: {string.Join(", ", lacking.Take(5))}); run `emostream featurize --corpus {corpus.Directory}`");
        return set;
    }
}
