using EmoStream.Inference.Conversations;
using EmoStream.Inference.Evaluation;

namespace EmoStream.Dashboard.Cli.Conversations;

/// <summary>
/// What users get from a conversation: how its turns came out of segmentation, how right the emotion of each turn
/// is (a missed turn counts as wrong), the same clips scored one by one, and how much each modality weighed.
/// </summary>
/// <param name="Turn">Turn-level figures over labeled turns (a split turn: its fragments' probabilities averaged by duration).</param>
/// <param name="Clip">The same turns, each replayed alone as a one-utterance recording.</param>
/// <param name="Weights">Mean fusion weight of each modality over every scored utterance.</param>
/// <param name="Ece">Expected calibration error (15 bins) of the answered labeled turns' probabilities, as users see them.</param>
/// <param name="SpeakerRight">Diarized mono conversations: found turns given their own speaker (best naming per conversation); else null.</param>
public sealed record ConversationEvaluation(
    int Conversations,
    int Turns,
    int Found,
    int Split,
    int Misaligned,
    int Missed,
    ClassificationMetrics Turn,
    ClassificationMetrics Clip,
    IReadOnlyDictionary<string, double> Weights,
    int ScoredUtterances,
    IReadOnlyList<string> Classes,
    IReadOnlyList<TurnReport> Details,
    double Ece,
    int? SpeakerRight = null);

/// <summary>One turn of one conversation: where it was, how segmentation found it, and what the pipeline answered.</summary>
/// <param name="Detected">The speech extents of the detected utterances matched to it.</param>
/// <param name="Predicted">The turn's answer; null when missed.</param>
/// <param name="Clip">The answer for the same clip replayed alone; null when no speech was found in it.</param>
public sealed record TurnReport(string Conversation, int Turn, string Speaker, double Start, double End, string? Label, TurnOutcome Outcome,
    IReadOnlyList<(double Start, double End)> Detected, string? Predicted, string? Clip);
