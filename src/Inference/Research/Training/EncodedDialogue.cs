using static TorchSharp.torch;

namespace EmoStream.Inference.Training;

/// <summary>
/// One dialogue as model input: acoustic [L, da] and lexical [L, dt] (zeros where absent, null when the model has no
/// such branch), present [L, 2], emotion targets [L] (class index, or -100 where unknown or unlabeled) and speaker
/// targets [L].
/// </summary>
public sealed record EncodedDialogue(
    string Id,
    string Group,
    IReadOnlyList<string> UtteranceIds,
    Tensor? Acoustic,
    Tensor? Lexical,
    Tensor Present,
    Tensor Emotion,
    Tensor Speaker) : IDisposable
{
    public const long Ignore = -100;

    public int Length => UtteranceIds.Count;

    public void Dispose()
    {
        Acoustic?.Dispose();
        Lexical?.Dispose();
        Present.Dispose();
        Emotion.Dispose();
        Speaker.Dispose();
    }
}
