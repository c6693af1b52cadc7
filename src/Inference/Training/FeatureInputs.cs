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
