using EmoStream.Inference.Calibration;
using EmoStream.Inference.Model;
using EmoStream.Inference.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoStream.Inference.Evaluation;

/// <summary>
/// One utterance's scored output: raw emotion logits, class probabilities (softmax of the logits divided by the
/// model's temperature for the utterance's modalities), modality weights (acoustic, lexical) and which modalities it had.
/// </summary>
public sealed record UtterancePrediction(string UtteranceId, float[] Logits, float[] Probabilities, float[] ModalityWeights, long Truth,
    ModalityPattern? Modalities)
{
    public int Predicted => Array.IndexOf(Probabilities, Probabilities.Max());
}

/// <summary>Scores whole dialogues with the batch forward pass, in evaluation mode and without gradients.</summary>
public static class DialoguePredictor
{
    /// <param name="temperatures">Calibration (<see cref="ModelMetadata.Temperatures"/>); none leaves the softmax as trained.</param>
    public static IReadOnlyList<UtterancePrediction> Predict(ContextualDann model, IReadOnlyList<EncodedDialogue> dialogues,
        Temperatures? temperatures = null, int batchDialogues = 20)
    {
        temperatures ??= Temperatures.None;
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            var results = new List<UtterancePrediction>();
            foreach (var chunk in dialogues.Chunk(batchDialogues))
            {
                using var scope = NewDisposeScope();
                var (batch, emotion, _) = DialogueBatcher.Collate(chunk);
                var output = model.Forward(batch, lambda: 0);
                var logits = output.EmotionLogits.data<float>().ToArray();
                var weights = output.ModalityWeights.data<float>().ToArray();
                var truth = emotion.data<long>().ToArray();
                var present = batch.Present.data<bool>().ToArray();
                long maxLen = batch.Valid.shape[1], classes = output.EmotionLogits.shape[2];
                for (var b = 0; b < chunk.Length; b++)
                    for (var i = 0; i < chunk[b].Length; i++)
                    {
                        var row = b * maxLen + i;
                        var z = logits.AsSpan((int)(row * classes), (int)classes);
                        var modalities = ModalityPatterns.Of(present[row * 2], present[row * 2 + 1]);
                        results.Add(new UtterancePrediction(
                            chunk[b].UtteranceIds[i],
                            z.ToArray(),
                            temperatures.Probabilities(z, modalities),
                            weights.AsSpan((int)(row * 2), 2).ToArray(),
                            truth[row],
                            modalities));
                    }
            }
            return results;
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>Metrics over the predictions that have a known label.</summary>
    public static ClassificationMetrics Score(IReadOnlyList<UtterancePrediction> predictions, int classes)
    {
        var labeled = Labeled(predictions);
        return ClassificationMetrics.Compute(classes, labeled.Select(p => (int)p.Truth).ToArray(), labeled.Select(p => p.Predicted).ToArray());
    }

    /// <summary>Expected calibration error (15 bins) of the predictions that have a known label, at the given temperatures.</summary>
    public static double CalibrationError(IReadOnlyList<UtterancePrediction> predictions, Temperatures temperatures)
    {
        var labeled = Labeled(predictions);
        return Calibration.CalibrationError.Expected(labeled.Select(p => temperatures.Probabilities(p.Logits, p.Modalities)).ToArray(),
            labeled.Select(p => (int)p.Truth).ToArray());
    }

    /// <summary>The expected calibration error before and after scaling, for each modality pattern the labeled predictions have.</summary>
    public static IReadOnlyList<ModalityCalibrationError> CalibrationErrorByModality(IReadOnlyList<UtterancePrediction> predictions, Temperatures temperatures) =>
        Labeled(predictions).Where(p => p.Modalities is not null).GroupBy(p => p.Modalities!.Value).OrderBy(g => g.Key)
            .Select(g => new ModalityCalibrationError(g.Key, g.Count(), temperatures.For(g.Key),
                CalibrationError(g.ToArray(), Temperatures.None), CalibrationError(g.ToArray(), temperatures)))
            .ToArray();

    /// <summary>
    /// The temperatures (pooled and per modality pattern) fitted on the labeled predictions across their sources, so
    /// that no held-out corpus is made worse (<see cref="TemperatureScaling.FitAcrossSources"/>).
    /// </summary>
    public static Temperatures FitTemperatures(IReadOnlyList<UtterancePrediction> predictions)
    {
        var labeled = Labeled(predictions);
        return TemperatureScaling.FitPerModality(labeled.Select(p => p.Logits).ToArray(), labeled.Select(p => (int)p.Truth).ToArray(),
            labeled.Select(p => p.Modalities).ToArray(), sources: labeled.Select(p => SourceOf(p.UtteranceId)).ToArray());
    }

    /// <summary>The corpus an utterance comes from: importers prefix every id with it (<c>ravdess-</c>, <c>emodb-</c>, <c>meld-</c>).</summary>
    public static string SourceOf(string utteranceId)
    {
        var dash = utteranceId.IndexOf('-');
        return dash <= 0 ? "" : utteranceId[..dash];
    }

    private static UtterancePrediction[] Labeled(IReadOnlyList<UtterancePrediction> predictions) =>
        predictions.Where(p => p.Truth != EncodedDialogue.Ignore).ToArray();
}
