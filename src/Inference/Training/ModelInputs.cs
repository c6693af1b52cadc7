using EmoStream.Inference.Corpora;
using EmoStream.Inference.Features;
using EmoStream.Inference.Model;

namespace EmoStream.Inference.Training;

/// <summary>Finds, in a corpus, the stored feature sets made by the featurizers a trained model expects.</summary>
public static class ModelInputs
{
    public static FeatureInputs Load(Corpus corpus, ModelMetadata metadata)
    {
        var store = new FeatureStore(corpus.Directory);
        var acoustic = Match(store, Modality.Acoustic, metadata.AcousticFeaturizer);
        var lexical = Match(store, Modality.Lexical, metadata.LexicalFeaturizer);
        metadata.EnsureCompatible(acoustic?.Info, lexical?.Info, $"corpus {corpus.Directory}");
        return new FeatureInputs(acoustic, lexical);
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
