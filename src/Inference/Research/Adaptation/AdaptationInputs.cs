using EmoStream.Inference.Corpora;
using EmoStream.Inference.Features;
using EmoStream.Inference.Model;
using EmoStream.Inference.Training;

namespace EmoStream.Inference.Adaptation;

/// <summary>
/// Labeled corpora and stored sessions as one training corpus with one feature set per modality, made by the
/// featurizers of the model being adapted (the sessions' vectors were made by them; the corpora's stored sets must
/// match). Each session is a dialogue of the group <see cref="SessionGroup"/>; its speakers are named per session.
/// </summary>
public sealed class AdaptationInputs
{
    public const string SessionGroup = "sessions";

    private AdaptationInputs(Corpus corpus, FeatureInputs features, IReadOnlyList<string> sourceGroups, IReadOnlyList<AdaptationSession> sessions)
    {
        Corpus = corpus;
        Features = features;
        SourceGroups = sourceGroups;
        Sessions = sessions;
    }

    /// <summary>Every labeled corpus's utterances and the sessions', labels of the sessions as given.</summary>
    public Corpus Corpus { get; }

    public FeatureInputs Features { get; }

    /// <summary>The groups of the labeled corpora.</summary>
    public IReadOnlyList<string> SourceGroups { get; }

    public IReadOnlyList<AdaptationSession> Sessions { get; }

    /// <exception cref="ModelMismatchException">A corpus's features, or a session's vectors, were not made by the model's featurizers.</exception>
    public static AdaptationInputs Build(IReadOnlyList<Corpus> corpora, IReadOnlyList<AdaptationSession> sessions, ModelMetadata model)
    {
        var acoustic = model.AcousticFeaturizer is { } ai ? new FeatureSet(ai) : null;
        var lexical = model.LexicalFeaturizer is { } li ? new FeatureSet(li) : null;
        foreach (var corpus in corpora)
        {
            // A corpus without stored features of a modality contributes utterances lacking it, as in training.
            var store = new FeatureStore(corpus.Directory);
            var stored = ModelInputs.Load(corpus, model, acoustic: store.List(Modality.Acoustic).Count > 0, lexical: store.List(Modality.Lexical).Count > 0);
            Copy(stored.Acoustic, acoustic);
            Copy(stored.Lexical, lexical);
        }
        var utterances = new List<CorpusUtterance>();
        for (var s = 0; s < sessions.Count; s++)
        {
            var session = sessions[s];
            // Speakers are named by position, so the model file keeps no session id or speaker name.
            var speakers = session.Utterances.Select(u => u.Speaker).Distinct(StringComparer.Ordinal).Select((name, k) => (name, k))
                .ToDictionary(x => x.name, x => $"session{s + 1}-speaker{x.k + 1}", StringComparer.Ordinal);
            foreach (var u in session.Utterances)
            {
                var id = UtteranceId(session.Id, u.Index);
                if (u.Label is { } label && !model.Classes.Contains(label))
                    throw new ArgumentException($"session {session.Id}, utterance {u.Index}: label '{label}' is not one of the model's classes ({string.Join(", ", model.Classes)})");
                utterances.Add(new CorpusUtterance(id, DialogueId(session.Id), u.Index, speakers[u.Speaker], SessionGroup, u.Label, null, null, null, null));
                Add(acoustic, id, u.Acoustic, session.Id, u.Index);
                Add(lexical, id, u.Lexical, session.Id, u.Index);
            }
        }
        var parts = corpora.ToList();
        if (utterances.Count > 0) parts.Add(Corpus.FromUtterances("stored sessions", utterances));
        if (parts.Count == 0) throw new ArgumentException("nothing to train on: no labeled corpus and no stored session");
        var combined = CorpusCombination.Combine(parts);
        var sourceGroups = corpora.SelectMany(c => c.Groups).Distinct(StringComparer.Ordinal).ToArray();
        return new AdaptationInputs(combined, new FeatureInputs(acoustic, lexical), sourceGroups, sessions);
    }

    public static string DialogueId(string sessionId) => $"session-{sessionId}";

    public static string UtteranceId(string sessionId, int index) => $"session-{sessionId}-{index:D5}";

    /// <summary>The stored sessions' dialogues encoded with these labels only (every other utterance unlabeled), for scoring.</summary>
    public IReadOnlyList<EncodedDialogue> Encode(IReadOnlyCollection<LabeledUtterance> labels, IReadOnlyList<string> classes)
    {
        var byUtterance = labels.ToDictionary(l => UtteranceId(l.SessionId, l.Index), l => l.Label, StringComparer.Ordinal);
        var noSpeakers = new Dictionary<string, int>(StringComparer.Ordinal);
        var wanted = labels.Select(l => DialogueId(l.SessionId)).ToHashSet(StringComparer.Ordinal);
        return Corpus.Dialogues.Where(d => wanted.Contains(d.Id))
            .Select(d => new CorpusDialogue(d.Id, d.Group, d.Utterances.Select(u => u with { Label = byUtterance.GetValueOrDefault(u.Id) }).ToArray()))
            .Select(d => DialogueEncoder.Encode(d, Features, classes, noSpeakers, withLabels: true))
            .ToArray();
    }

    private static void Copy(FeatureSet? from, FeatureSet? to)
    {
        if (from is null || to is null) return;
        foreach (var (id, vector) in from.Entries) to.Add(id, vector);
    }

    private static void Add(FeatureSet? set, string id, float[]? vector, string session, int index)
    {
        if (set is null || vector is null) return;
        if (vector.Length != set.Info.Dimension)
            throw new ModelMismatchException($"session {session}, utterance {index}: a stored {set.Info.Modality.ToString().ToLowerInvariant()} vector has {vector.Length} values, the model's featurizer {set.Info} makes {set.Info.Dimension}");
        set.Add(id, vector);
    }
}
