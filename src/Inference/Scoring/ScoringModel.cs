using EmoStream.Inference.Features;
using EmoStream.Inference.Features.Acoustic;
using EmoStream.Inference.Features.Lexical;
using EmoStream.Inference.Model;
using EmoStream.Inference.Scoring;

namespace EmoStream.Inference.Scoring;

/// <summary>
/// A causal model loaded once and shared by every session, with the featurizers that made its training features,
/// rebuilt from the model's metadata. A model whose featurizers this build cannot reproduce is refused at load,
/// never fed mismatched vectors.
/// </summary>
public sealed class ScoringModel : IDisposable
{
    // libtorch modules may run forward passes from several threads, but TorchSharp's dispose scopes and the
    // module's cached state are not documented as thread-safe: sessions take turns (a step costs well under 1 ms).
    private readonly Lock _gate = new();
    private readonly ContextualDann _model;

    private ScoringModel(string id, ContextualDann model, ModelMetadata metadata, IAcousticFeaturizer? acoustic, ILexicalFeaturizer? lexical)
    {
        Id = id;
        _model = model;
        Metadata = metadata;
        Acoustic = acoustic;
        Lexical = lexical;
    }

    /// <summary>The file's name, creation time and checksum (<see cref="ModelFile.Id"/>), as recorded with each session.</summary>
    public string Id { get; }

    public ModelMetadata Metadata { get; }

    public IReadOnlyList<string> Classes => Metadata.Classes;

    /// <summary>Null when the model uses no audio.</summary>
    public IAcousticFeaturizer? Acoustic { get; }

    /// <summary>Null when the model uses no text.</summary>
    public ILexicalFeaturizer? Lexical { get; }

    /// <param name="lexicalOptions">Where the word vectors are; settings that change the numbers must match the model's.
    /// The lexical featurizer is the one the model's metadata names (<see cref="LexicalFeaturizers.Rebuild"/>), whatever
    /// <c>Features:Lexical:Encoder</c> says; a sentence encoder is loaded here, not on the first utterance.</param>
    public static ScoringModel Load(string path, LexicalFeaturizerOptions? lexicalOptions = null)
    {
        var (model, metadata) = ModelFile.Load(path);
        try
        {
            if (metadata.Architecture.Mode != ContextMode.Causal)
                throw new ModelMismatchException(
                    $"{path}: a {metadata.Architecture.Mode.ToString().ToLowerInvariant()} model looks at future utterances; live scoring needs a model trained with --mode causal");
            IAcousticFeaturizer? acoustic = null;
            if (metadata.AcousticFeaturizer is { } acousticInfo)
            {
                try { acoustic = AcousticFeatureSets.Create(acousticInfo); }
                catch (AcousticFeatureSetException e) { throw new ModelMismatchException($"{path}: cannot rebuild its acoustic featurizer: {e.Message}"); }
            }
            ILexicalFeaturizer? lexical = null;
            if (metadata.LexicalFeaturizer is { } lexicalInfo)
            {
                try { lexical = LexicalFeaturizers.Rebuild(lexicalInfo, lexicalOptions); }
                catch (LexicalFeaturizerException e) { throw new ModelMismatchException($"{path}: cannot rebuild its lexical featurizer: {e.Message}"); }
            }
            return new ScoringModel(ModelFile.Id(path, metadata), model, metadata, acoustic, lexical);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>A fresh dialogue state for one session.</summary>
    public IncrementalDialogueScorer CreateScorer(int window)
    {
        lock (_gate) return new IncrementalDialogueScorer(_model, window, Metadata.Temperatures);
    }

    /// <summary>Scores the next utterance of <paramref name="scorer"/>'s dialogue; a null vector is a missing modality.</summary>
    public UtteranceScore Score(IncrementalDialogueScorer scorer, float[]? acoustic, float[]? lexical)
    {
        lock (_gate) return scorer.Add(acoustic, lexical, acoustic is not null, lexical is not null);
    }

    public void Dispose() => _model.Dispose();
}
