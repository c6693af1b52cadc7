namespace EmoStream.Inference.Scoring;

/// <summary>One utterance's result: probabilities in the model's class order and modality weights (acoustic, lexical).</summary>
public sealed record UtteranceScore(int Index, float[] Probabilities, float[] ModalityWeights)
{
    public int Predicted => Array.IndexOf(Probabilities, Probabilities.Max());
}
