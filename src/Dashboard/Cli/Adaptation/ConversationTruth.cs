using EmoStream.Inference.Adaptation;
using EmoStream.Inference.Corpora;
using EmoStream.Sessions.Storage;

namespace EmoStream.Dashboard.Cli.Adaptation;

/// <summary>
/// The true emotion of stored utterances of replayed assembled conversations: a session replayed from
/// <c>DIALOGUE.wav</c> with the conversation's speakers as channel names is that dialogue; each stored utterance takes
/// the label of the same speaker's turn that covers most of it, when that turn covers at least half of it.
/// </summary>
public static class ConversationTruth
{
    /// <returns>The labeled utterances, and the stored sessions that are conversations of the corpus.</returns>
    public static async Task<(IReadOnlyList<LabeledUtterance> Labels, IReadOnlyList<SessionRecord> Sessions)> MatchAsync(ISessionStore store,
        IReadOnlyList<SessionRecord> stored, Corpus conversations, CancellationToken ct)
    {
        var dialogues = conversations.Dialogues.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var labels = new List<LabeledUtterance>();
        var sessions = new List<SessionRecord>();
        foreach (var session in stored)
        {
            if (!dialogues.TryGetValue(Path.GetFileNameWithoutExtension(session.Source), out var dialogue)) continue;
            sessions.Add(session);
            foreach (var u in await store.GetUtterancesAsync(session.Id, 0, ct).ConfigureAwait(false))
            {
                var best = dialogue.Utterances
                    .Where(t => t.Speaker == u.Speaker && t.Label is not null && t.Start is not null && t.End is not null)
                    .Select(t => (Turn: t, Overlap: Math.Min(u.End, t.End!.Value) - Math.Max(u.Start, t.Start!.Value)))
                    .MaxBy(x => x.Overlap);
                if (best.Turn is not null && best.Overlap >= 0.5 * (u.End - u.Start))
                    labels.Add(new LabeledUtterance(session.Id, u.Index, best.Turn.Label!));
            }
        }
        return (labels, sessions);
    }
}
