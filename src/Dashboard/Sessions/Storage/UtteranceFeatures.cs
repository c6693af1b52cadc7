using EmoStream.Inference.Features;

namespace EmoStream.Sessions.Storage;

/// <summary>
/// The model-input vectors of one utterance as scored, and the featurizers that made them (null: modality absent,
/// the featurizer with its vector). Kept with the result (<see cref="StorageOptions.StoreFeatures"/>) so that a model
/// can later be adapted to these calls; personal data (docs/SECURITY.md).
/// </summary>
public sealed record UtteranceFeatures(FeaturizerInfo? AcousticFeaturizer, float[]? Acoustic, FeaturizerInfo? LexicalFeaturizer, float[]? Lexical);

/// <summary>The stored features of the utterance at <paramref name="Index"/> of a session.</summary>
public sealed record StoredFeatures(int Index, UtteranceFeatures Features);
