using static TorchSharp.torch;

namespace EmoStream.Inference.Model;

/// <summary>
/// One forward pass: emotion logits [B, L, C], speaker logits [B, L, S] (behind the gradient reversal layer),
/// modality weights [B, L, 2] and the representation both classifiers see [B, L, d] (R, or F + R in a residual model).
/// </summary>
public sealed record DannOutput(Tensor EmotionLogits, Tensor SpeakerLogits, Tensor ModalityWeights, Tensor Representation) : IDisposable
{
    public void Dispose()
    {
        EmotionLogits.Dispose();
        SpeakerLogits.Dispose();
        ModalityWeights.Dispose();
        Representation.Dispose();
    }
}
