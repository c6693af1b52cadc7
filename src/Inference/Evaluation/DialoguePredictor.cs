using EmoStream.Inference.Model;
using EmoStream.Inference.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoStream.Inference.Evaluation;

/// <summary>One utterance's scored output: class probabilities and modality weights (acoustic, lexical).</summary>
public sealed record UtterancePrediction(string UtteranceId, float[] Probabilities, float[] ModalityWeights, long Truth)
{
    public int Predicted => Array.IndexOf(Probabilities, Probabilities.Max());
}

/// <summary>Scores whole dialogues with the batch forward pass, in evaluation mode and without gradients.</summary>
public static class DialoguePredictor
{
    public static IReadOnlyList<UtterancePrediction> Predict(ContextualDann model, IReadOnlyList<EncodedDialogue> dialogues, int batchDialogues = 20)
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
                var probs = softmax(output.EmotionLogits, dim: -1).data<float>().ToArray();
                var weights = output.ModalityWeights.data<float>().ToArray();
                var truth = emotion.data<long>().ToArray();
                long maxLen = batch.Valid.shape[1], classes = output.EmotionLogits.shape[2];
                for (var b = 0; b < chunk.Length; b++)
                    for (var i = 0; i < chunk[b].Length; i++)
                    {
                        var row = b * maxLen + i;
                        results.Add(new UtterancePrediction(
                            chunk[b].UtteranceIds[i],
                            probs.AsSpan((int)(row * classes), (int)classes).ToArray(),
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
}
