using static TorchSharp.torch;

namespace EmoStream.Inference.Model;

/// <summary>
/// Padded model input for B dialogues of up to L utterances: acoustic [B, L, da] and lexical [B, L, dt] (null when the
/// model has no such branch), present [B, L, 2] (bool, which modality each utterance has), lengths [B] (int64),
/// valid [B, L] (bool, real utterances).
/// </summary>
public sealed record DialogueBatch(Tensor? Acoustic, Tensor? Lexical, Tensor Present, Tensor Lengths, Tensor Valid) : IDisposable
{
    public void Dispose()
    {
        Acoustic?.Dispose();
        Lexical?.Dispose();
        Present.Dispose();
        Lengths.Dispose();
        Valid.Dispose();
    }
}
