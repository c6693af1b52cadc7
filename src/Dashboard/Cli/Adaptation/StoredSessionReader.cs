using EmoStream.Inference.Adaptation;
using EmoStream.Inference.Model;
using EmoStream.Sessions.Corrections;
using EmoStream.Sessions.Storage;

namespace EmoStream.Dashboard.Cli.Adaptation;

/// <summary>What of the selected sessions can be learnt from, and what was left out and why.</summary>
public sealed record StoredSessions(IReadOnlyList<AdaptationSession> Sessions, IReadOnlyList<LabeledUtterance> Corrections,
    int Utterances, int NoneOfThese, IReadOnlyList<string> Skipped);

/// <summary>
/// Reads stored sessions as adaptation dialogues: each utterance's stored feature vectors, its speaker, and the
/// correction in force (the latest). Only vectors made by the adapted model's featurizers are used; a session
/// without any (stored before features were kept, with <c>Storage:StoreFeatures</c> off, or scored by a model with
/// other featurizers) is skipped and named.
/// </summary>
public static class StoredSessionReader
{
    public static async Task<StoredSessions> ReadAsync(ISessionStore store, IReadOnlyList<SessionRecord> selected, ModelMetadata model, CancellationToken ct)
    {
        var sessions = new List<AdaptationSession>();
        var corrections = new List<LabeledUtterance>();
        var skipped = new List<string>();
        int utterances = 0, noneOfThese = 0;
        foreach (var record in selected)
        {
            var features = await store.GetFeaturesAsync(record.Id, ct).ConfigureAwait(false);
            var usable = features.Where(f => Usable(f.Features, model)).ToDictionary(f => f.Index, f => f.Features);
            if (usable.Count == 0)
            {
                skipped.Add(features.Count == 0
                    ? $"{record.Id}: no stored features (stored before they were kept, or with Storage:StoreFeatures off)"
                    : $"{record.Id}: its features were made by other featurizers than the model's ({record.ModelId})");
                continue;
            }
            var scored = SessionCorrections.InForce(await store.GetUtterancesAsync(record.Id, 0, ct).ConfigureAwait(false),
                await store.GetCorrectionsAsync(record.Id, ct).ConfigureAwait(false));
            var list = new List<AdaptationUtterance>();
            foreach (var u in scored)
            {
                if (!usable.TryGetValue(u.Index, out var f)) continue;
                string? label = null;
                if (u.Correction is { } correction)
                {
                    if (correction.Emotion is null) noneOfThese++;
                    else if (!model.Classes.Contains(correction.Emotion))
                        skipped.Add($"{record.Id} utterance {u.Index}: corrected to '{correction.Emotion}', not one of the model's classes ({string.Join(", ", model.Classes)})");
                    else
                    {
                        label = correction.Emotion;
                        corrections.Add(new LabeledUtterance(record.Id, u.Index, label));
                    }
                }
                list.Add(new AdaptationUtterance(u.Index, u.Speaker, f.Acoustic, f.Lexical, label));
            }
            utterances += list.Count;
            sessions.Add(new AdaptationSession(record.Id, list));
        }
        return new StoredSessions(sessions, corrections, utterances, noneOfThese, skipped);
    }

    /// <summary>Vectors the model can read: each present one made by the model's featurizer for its modality, at least one present.</summary>
    private static bool Usable(UtteranceFeatures f, ModelMetadata model) =>
        (f.Acoustic is not null || f.Lexical is not null)
        && (f.Acoustic is null || (model.AcousticFeaturizer is { } a && f.AcousticFeaturizer is { } fa && a.SameAs(fa)))
        && (f.Lexical is null || (model.LexicalFeaturizer is { } l && f.LexicalFeaturizer is { } fl && l.SameAs(fl)));
}
