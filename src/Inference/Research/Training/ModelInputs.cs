using EmoStream.Inference.Corpora;
using EmoStream.Inference.Features;
using EmoStream.Inference.Model;

namespace EmoStream.Inference.Training;

/// <summary>Finds, in a corpus, the stored feature sets made by the featurizers a trained model expects.</summary>
public static class ModelInputs
{
    /// <param name="acoustic">False scores without the acoustic modality: every utterance lacks it (masked), and the
    /// corpus needs no acoustic features, e.g. a text-only corpus scored by a bimodal model.</param>
    /// <param name="lexical">The same for the lexical modality.</param>
    public static FeatureInputs Load(Corpus corpus, ModelMetadata metadata, bool acoustic = true, bool lexical = true)
    {
        var store = new FeatureStore(corpus.Directory);
        var a = acoustic ? Match(store, Modality.Acoustic, metadata.AcousticFeaturizer) : null;
        var t = lexical ? Match(store, Modality.Lexical, metadata.LexicalFeaturizer) : null;
        metadata.EnsureCompatible(acoustic ? a?.Info : null, lexical ? t?.Info : null, $"corpus {corpus.Directory}",
            checkAcoustic: acoustic, checkLexical: lexical);
        // An empty set of the model's featurizer keeps the input shape while marking the modality missing everywhere.
        return new FeatureInputs(
            a ?? (metadata.AcousticFeaturizer is { } ai ? new FeatureSet(ai) : null),
            t ?? (metadata.LexicalFeaturizer is { } li ? new FeatureSet(li) : null));
    }

    private static FeatureSet? Match(FeatureStore store, Modality modality, FeaturizerInfo? expected)
    {
        if (expected is null) return null;
        var stored = store.List(modality);
        // Prefer the same featurizer; otherwise hand back what is there so the mismatch message can name it.
        var (path, _) = stored.FirstOrDefault(s => s.Info.Id == expected.Id);
        path ??= stored.Count == 1 ? stored[0].Path : null;
        return path is null ? null : FeatureFile.Read(path);
    }
}
