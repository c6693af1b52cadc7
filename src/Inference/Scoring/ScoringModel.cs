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
    // Read-only once loaded (eval mode, no gradients): sessions step through it at once, each with its own dialogue
    // state (IncrementalDialogueScorer); TorchSharp's dispose scopes and libtorch's grad mode are per thread
    // (tests/Inference.Tests/Model/IncrementalScorerTests: concurrent sessions score as each does alone).
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
    public IncrementalDialogueScorer CreateScorer(int window) => new(_model, window, Metadata.Temperatures);

    /// <summary>Scores the next utterance of <paramref name="scorer"/>'s dialogue; a null vector is a missing modality.</summary>
    public UtteranceScore Score(IncrementalDialogueScorer scorer, float[]? acoustic, float[]? lexical) =>
        scorer.Add(acoustic, lexical, acoustic is not null, lexical is not null);

    public void Dispose() => _model.Dispose();
}
