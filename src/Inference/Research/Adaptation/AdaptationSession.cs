namespace EmoStream.Inference.Adaptation;

/// <summary>
/// One stored session as an adaptation dialogue: its utterances in the order they were scored, with the model-input
/// vectors the pipeline stored (null: that modality was missing) and, where a person corrected it, the emotion to learn.
/// </summary>
public sealed record AdaptationSession(string Id, IReadOnlyList<AdaptationUtterance> Utterances);

/// <param name="Index">The utterance's index in its session.</param>
/// <param name="Speaker">The speaker's name within the session; speakers of different sessions are never taken to be the same person.</param>
/// <param name="Label">A class of the model to train on; null leaves the utterance unlabeled (speaker loss only).</param>
public sealed record AdaptationUtterance(int Index, string Speaker, float[]? Acoustic, float[]? Lexical, string? Label);

/// <summary>A corrected utterance: where it is and the class the person chose.</summary>
public sealed record LabeledUtterance(string SessionId, int Index, string Label);
