using EmoStream.Inference.Corpora;

namespace EmoStream.Inference.Conversations;

/// <summary>A conversation to render: who speaks each turn, and which corpus utterance they say.</summary>
/// <param name="Group">The group the conversation belongs to (its speakers' groups joined with '+').</param>
public sealed record ConversationPlan(string Id, string Group, IReadOnlyList<string> Speakers, IReadOnlyList<CorpusUtterance> Turns);
