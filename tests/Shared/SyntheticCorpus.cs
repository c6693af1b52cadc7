using EmoStream.Inference.Corpora;
using EmoStream.Inference.Features;

namespace EmoStream.Testing;

/// <summary>
/// A corpus whose answers are known: emotions persist along a dialogue, both modalities carry the emotion (text is
/// missing for some utterances), and the acoustic side also carries a strong per-speaker signature, the nuisance the
/// DANN is meant to remove. With <see cref="SyntheticCorpusSpec.SpeakerBias"/> each speaker also favours one emotion,
/// a shortcut that holds for the training speakers only. Written to disk in the real corpus format, features included.
/// <see cref="SyntheticCorpusSpec.Prefix"/> prefixes ids, dialogues, speakers and groups, as the importers do, so
/// several synthetic corpora can be trained on together.
/// </summary>
public sealed record SyntheticCorpusSpec(
    int Groups = 5,
    int DialoguesPerGroup = 8,
    int MinTurns = 8,
    int MaxTurns = 16,
    int AcousticDim = 32,
    int LexicalDim = 16,
    double EmotionStrength = 1.0,
    double SpeakerStrength = 2.0,
    double Noise = 1.0,
    double TextPresence = 0.7,
    double SpeakerBias = 0.0,
    int Seed = 7,
    string Prefix = "");

public static class SyntheticCorpus
{

    public static Corpus Write(string directory, SyntheticCorpusSpec spec)
    {
        var rng = new Random(spec.Seed);
        var classes = EmotionClasses.All;
        float[] Direction(int dim) => Enumerable.Range(0, dim).Select(_ => (float)Gaussian(rng)).ToArray();
        var emotionAcoustic = classes.Select(_ => Direction(spec.AcousticDim)).ToArray();
        var emotionLexical = classes.Select(_ => Direction(spec.LexicalDim)).ToArray();

        var utterances = new List<CorpusUtterance>();
        var acoustic = new FeatureSet(new FeaturizerInfo("acoustic/synthetic@1", Modality.Acoustic, spec.AcousticDim, $"seed={spec.Seed}"));
        var lexical = new FeatureSet(new FeaturizerInfo("lexical/synthetic@1", Modality.Lexical, spec.LexicalDim, $"seed={spec.Seed}"));
        for (var g = 1; g <= spec.Groups; g++)
        {
            // Two speakers per group, as in IEMOCAP's sessions.
            var speakers = new[] { $"{spec.Prefix}g{g}_F", $"{spec.Prefix}g{g}_M" };
            var signature = speakers.ToDictionary(s => s, _ => Direction(spec.AcousticDim));
            var favourite = speakers.ToDictionary(s => s, _ => rng.Next(classes.Count));
            for (var d = 0; d < spec.DialoguesPerGroup; d++)
            {
                var dialogue = $"{spec.Prefix}g{g}_d{d:00}";
                var turns = rng.Next(spec.MinTurns, spec.MaxTurns + 1);
                var emotion = rng.Next(classes.Count);
                for (var t = 0; t < turns; t++)
                {
                    var speaker = speakers[t % 2];
                    if (rng.NextDouble() < spec.SpeakerBias) emotion = favourite[speaker];
                    else if (rng.NextDouble() < 0.3) emotion = rng.Next(classes.Count);
                    var id = $"{dialogue}_{t:00}";
                    var hasText = rng.NextDouble() < spec.TextPresence;
                    utterances.Add(new CorpusUtterance(id, dialogue, t, speaker, spec.Prefix + g, classes[emotion],
                        hasText ? $"synthetic text {id}" : null, $"audio/{id}.wav", t * 3.0, t * 3.0 + 2.5));
                    acoustic.Add(id, Enumerable.Range(0, spec.AcousticDim).Select(k => (float)(
                        spec.EmotionStrength * emotionAcoustic[emotion][k] + spec.SpeakerStrength * signature[speaker][k] +
                        spec.Noise * Gaussian(rng))).ToArray());
                    lexical.Add(id, hasText
                        ? Enumerable.Range(0, spec.LexicalDim).Select(k => (float)(spec.EmotionStrength * emotionLexical[emotion][k] + spec.Noise * Gaussian(rng))).ToArray()
                        : null);
                }
            }
        }
        CorpusManifest.Write(directory, utterances);
        var store = new FeatureStore(directory);
        store.Save(acoustic);
        store.Save(lexical);
        return Corpus.Load(directory);
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
