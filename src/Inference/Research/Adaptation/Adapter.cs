using EmoStream.Inference.Calibration;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Evaluation;
using EmoStream.Inference.Model;
using EmoStream.Inference.Training;

namespace EmoStream.Inference.Adaptation;

/// <summary>
/// The paper's recipe applied to the user's own calls: the labeled corpora's labels, every stored session as an
/// unlabeled dialogue for the speaker classifier behind gradient reversal, and the corrected utterances as labels.
/// The new model keeps the shape and featurizers of the model it adapts (only its speaker classifier, which scoring
/// never uses, grows to the new speakers), so the server can switch to it.
/// </summary>
public static class Adapter
{
    /// <summary>Splits corrections per class into training and held-out ones (a class with one correction trains).</summary>
    public static (IReadOnlyList<LabeledUtterance> Train, IReadOnlyList<LabeledUtterance> HeldOut) Split(
        IReadOnlyList<LabeledUtterance> corrections, double heldOutShare, int seed)
    {
        var random = new Random(seed);
        List<LabeledUtterance> train = [], heldOut = [];
        foreach (var group in corrections.GroupBy(c => c.Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var items = group.OrderBy(c => c.SessionId, StringComparer.Ordinal).ThenBy(c => c.Index).ToArray();
            random.Shuffle(items);
            var held = items.Length < 2 ? 0 : Math.Clamp((int)Math.Round(items.Length * heldOutShare), 1, items.Length - 1);
            heldOut.AddRange(items.Take(held));
            train.AddRange(items.Skip(held));
        }
        return (train, heldOut);
    }

    /// <summary>The sessions with these labels only: every other utterance unlabeled (held-out corrections stay unseen).</summary>
    public static IReadOnlyList<AdaptationSession> WithLabels(IReadOnlyList<AdaptationSession> sessions, IReadOnlyCollection<LabeledUtterance> labels)
    {
        var byUtterance = labels.ToDictionary(l => (l.SessionId, l.Index), l => l.Label);
        return sessions.Select(s => s with
        {
            Utterances = s.Utterances.Select(u => u with { Label = byUtterance.GetValueOrDefault((s.Id, u.Index)) }).ToArray(),
        }).ToArray();
    }

    /// <summary>
    /// Trains on every group of the labeled corpora (labeled) and the sessions (labels where given); returns the model
    /// and the speakers its speaker classifier learnt.
    /// </summary>
    public static (ContextualDann Model, IReadOnlyList<string> Speakers, int Dialogues, int Utterances) Train(AdaptationInputs inputs,
        DannArchitecture like, TrainingOptions options, IProgress<EpochReport>? progress = null, CancellationToken ct = default)
    {
        IReadOnlyCollection<string> labeled = inputs.Sessions.Count == 0 ? inputs.SourceGroups : [.. inputs.SourceGroups, AdaptationInputs.SessionGroup];
        using var data = TrainingSet.Build(inputs.Corpus, inputs.Features, labeled, [], []);
        var architecture = like with { Speakers = data.Speakers.Count };
        var model = DannTrainer.Train(data, architecture, options, 0, progress, ct);
        return (model, data.Speakers, data.Train.Count, data.Train.Sum(d => d.Length));
    }

    /// <summary>
    /// The current and the new model on the held-out corrections. With at least <paramref name="minCalibration"/> of
    /// them the new model's temperatures are fitted on them (its ECE here is cross-fitted: each half scored with the
    /// temperatures fitted on the other); otherwise it keeps <paramref name="carried"/>.
    /// </summary>
    public static AdaptationReport Compare(ContextualDann current, Temperatures currentTemperatures, ContextualDann candidate, Temperatures carried,
        IReadOnlyList<EncodedDialogue> heldOut, IReadOnlyList<string> classes, AdaptationOptions options, int seed)
    {
        var before = DialoguePredictor.Predict(current, heldOut, currentTemperatures);
        var after = DialoguePredictor.Predict(candidate, heldOut, Temperatures.None);
        var labeled = after.Where(p => p.Truth != EncodedDialogue.Ignore).ToArray();
        var currentFigures = new ModelFigures(DialoguePredictor.Score(before, classes.Count), DialoguePredictor.CalibrationError(before, currentTemperatures));
        Temperatures temperatures;
        double ece;
        string calibration;
        if (labeled.Length >= options.MinCalibration)
        {
            temperatures = DialoguePredictor.FitTemperatures(labeled);
            ece = CrossFittedError(labeled, seed);
            calibration = $"temperatures refitted on the {labeled.Length} held-out corrections ({temperatures}); the ECE shown is cross-fitted over two halves";
        }
        else
        {
            temperatures = carried;
            ece = DialoguePredictor.CalibrationError(after, carried);
            calibration = $"{labeled.Length} held-out corrections are fewer than {options.MinCalibration}: the current model's calibration is carried over ({carried})";
        }
        var candidateFigures = new ModelFigures(DialoguePredictor.Score(after, classes.Count), ece);
        var (recommended, reason) = Judge(currentFigures, candidateFigures, labeled.Length, options.MinHeldOut);
        return new AdaptationReport(labeled.Length, currentFigures, candidateFigures, temperatures, calibration, recommended, reason);
    }

    private static (bool, string) Judge(ModelFigures current, ModelFigures candidate, int heldOut, int minHeldOut)
    {
        if (heldOut < minHeldOut)
            return (false, $"only {heldOut} held-out corrections (at least {minHeldOut} needed): too few to tell whether the new model is better; correct more utterances");
        if (candidate.Metrics.Wa < current.Metrics.Wa || candidate.Metrics.Ua < current.Metrics.Ua)
            return (false, $"the new model is worse on the held-out corrections (WA {candidate.Metrics.Wa:P1} vs {current.Metrics.Wa:P1}, UA {candidate.Metrics.Ua:P1} vs {current.Metrics.Ua:P1}): keep the current model");
        return (true, $"the new model is at least as good on both WA and UA over {heldOut} held-out corrections");
    }

    private static double CrossFittedError(UtterancePrediction[] labeled, int seed)
    {
        var order = Enumerable.Range(0, labeled.Length).ToArray();
        new Random(seed).Shuffle(order);
        var halves = new[] { order.Where((_, i) => i % 2 == 0).Select(i => labeled[i]).ToArray(), order.Where((_, i) => i % 2 == 1).Select(i => labeled[i]).ToArray() };
        var probabilities = new List<float[]>();
        var truth = new List<int>();
        for (var h = 0; h < 2; h++)
        {
            var fitted = DialoguePredictor.FitTemperatures(halves[1 - h]);
            foreach (var p in halves[h])
            {
                probabilities.Add(fitted.Probabilities(p.Logits, p.Modalities));
                truth.Add((int)p.Truth);
            }
        }
        return CalibrationError.Expected(probabilities, truth);
    }
}

/// <summary>One model's figures on the held-out corrections.</summary>
public sealed record ModelFigures(ClassificationMetrics Metrics, double Ece);

/// <summary>What <c>emostream adapt</c> reports: both models on the same held-out corrections, and whether to switch.</summary>
public sealed record AdaptationReport(int HeldOut, ModelFigures Current, ModelFigures Candidate, Temperatures Temperatures, string Calibration,
    bool Recommended, string Reason);
