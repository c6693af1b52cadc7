using EmoStream.Inference.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoStream.Inference.Training;

/// <summary>Pads a list of dialogues into one <see cref="DialogueBatch"/> plus emotion and speaker targets [B, L].</summary>
public static class DialogueBatcher
{
    public static (DialogueBatch Batch, Tensor Emotion, Tensor Speaker) Collate(IReadOnlyList<EncodedDialogue> dialogues)
    {
        using var scope = NewDisposeScope();
        var lengths = dialogues.Select(d => (long)d.Length).ToArray();
        var max = lengths.Max();
        Tensor? Pad(Func<EncodedDialogue, Tensor?> pick) =>
            dialogues[0] is var first && pick(first) is null ? null : nn.utils.rnn.pad_sequence(dialogues.Select(d => pick(d)!), batch_first: true);
        var acoustic = Pad(d => d.Acoustic);
        var lexical = Pad(d => d.Lexical);
        var present = nn.utils.rnn.pad_sequence(dialogues.Select(d => d.Present.to_type(ScalarType.Float32)), batch_first: true).to_type(ScalarType.Bool);
        var emotion = nn.utils.rnn.pad_sequence(dialogues.Select(d => d.Emotion), batch_first: true, padding_value: EncodedDialogue.Ignore);
        var speaker = nn.utils.rnn.pad_sequence(dialogues.Select(d => d.Speaker), batch_first: true, padding_value: EncodedDialogue.Ignore);
        var lengthTensor = tensor(lengths);
        var valid = arange(max).unsqueeze(0) < lengthTensor.unsqueeze(1);
        var batch = new DialogueBatch(acoustic?.MoveToOuterDisposeScope(), lexical?.MoveToOuterDisposeScope(),
            present.MoveToOuterDisposeScope(), lengthTensor.MoveToOuterDisposeScope(), valid.MoveToOuterDisposeScope());
        return (batch, emotion.MoveToOuterDisposeScope(), speaker.MoveToOuterDisposeScope());
    }
}
