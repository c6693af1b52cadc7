using EmoStream.Inference.Calibration;
using EmoStream.Inference.Model;
using EmoStream.Inference.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoStream.Inference.Evaluation;

/// <summary>
/// One utterance's scored output: raw emotion logits, class probabilities (softmax of the logits divided by the
/// model's temperature) and modality weights (acoustic, lexical).
/// </summary>
public sealed record UtterancePrediction(string UtteranceId, float[] Logits, float[] Probabilities, float[] ModalityWeights, long Truth)
{
    public int Predicted => Array.IndexOf(Probabilities, Probabilities.Max());
}

/// <summary>Scores whole dialogues with the batch forward pass, in evaluation mode and without gradients.</summary>
public static class DialoguePredictor
{
    /// <param name="temperature">Calibration temperature (<see cref="ModelMetadata.Temperature"/>); 1 leaves the softmax as trained.</param>
    public static IReadOnlyList<UtterancePrediction> Predict(ContextualDann model, IReadOnlyList<EncodedDialogue> dialogues,
        double temperature = 1, int batchDialogues = 20)
    {
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
                long maxLen = batch.Valid.shape[1], classes = output.EmotionLogits.shape[2];
                for (var b = 0; b < chunk.Length; b++)
                    for (var i = 0; i < chunk[b].Length; i++)
                    {
                        var row = b * maxLen + i;
                        var z = logits.AsSpan((int)(row * classes), (int)classes);
                        results.Add(new UtterancePrediction(
                            chunk[b].UtteranceIds[i],
                            z.ToArray(),
                            TemperatureScaling.Probabilities(z, temperature),
                            weights.AsSpan((int)(row * 2), 2).ToArray(),
                            truth[row]));
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
        var labeled = predictions.Where(p => p.Truth != EncodedDialogue.Ignore).ToArray();
        return ClassificationMetrics.Compute(classes, labeled.Select(p => (int)p.Truth).ToArray(), labeled.Select(p => p.Predicted).ToArray());
    }

    /// <summary>Expected calibration error (15 bins) of the predictions that have a known label, at the given temperature.</summary>
    public static double CalibrationError(IReadOnlyList<UtterancePrediction> predictions, double temperature)
    {
        var labeled = predictions.Where(p => p.Truth != EncodedDialogue.Ignore).ToArray();
        return Calibration.CalibrationError.Expected(labeled.Select(p => TemperatureScaling.Probabilities(p.Logits, temperature)).ToArray(),
            labeled.Select(p => (int)p.Truth).ToArray());
    }

    /// <summary>The temperature that minimises the negative log-likelihood of the labeled predictions.</summary>
    public static double FitTemperature(IReadOnlyList<UtterancePrediction> predictions)
    {
        var labeled = predictions.Where(p => p.Truth != EncodedDialogue.Ignore).ToArray();
        return TemperatureScaling.Fit(labeled.Select(p => p.Logits).ToArray(), labeled.Select(p => (int)p.Truth).ToArray());
    }
}
