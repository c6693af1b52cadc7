using EmoStream.Inference.Corpora;

namespace EmoStream.Inference.Training;

/// <summary>
/// Several corpora as one training corpus. Importers prefix utterance, dialogue, speaker and group names with the
/// corpus, so the union is well defined; an id found in two corpora is refused rather than silently merged.
/// </summary>
public static class CorpusCombination
{
    public static Corpus Combine(IReadOnlyList<Corpus> corpora)
    {
        if (corpora.Count == 0) throw new ArgumentException("at least one corpus is needed");
        if (corpora.Count == 1) return corpora[0];
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in corpora)
            foreach (var u in c.Utterances)
                if (!owner.TryAdd(u.Id, c.Directory))
                    throw new CorpusCombinationException(
                        $"utterance id '{u.Id}' is in both {owner[u.Id]} and {c.Directory}; each corpus can be given once and ids must be corpus-prefixed");
        return Corpus.FromUtterances(string.Join("+", corpora.Select(c => c.Directory)), corpora.SelectMany(c => c.Utterances).ToArray());
    }
}
