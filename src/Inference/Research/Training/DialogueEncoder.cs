using EmoStream.Inference.Corpora;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoStream.Inference.Training;

/// <summary>Turns corpus dialogues and their stored features into <see cref="EncodedDialogue"/> tensors.</summary>
public static class DialogueEncoder
{
    /// <param name="withLabels">False encodes every emotion target as ignored (unlabeled dialogues).</param>
    /// <param name="speakers">Speaker index; speakers not in it get target -100.</param>
    public static EncodedDialogue Encode(CorpusDialogue dialogue, FeatureInputs features, IReadOnlyList<string> classes,
        IReadOnlyDictionary<string, int> speakers, bool withLabels)
    {
        var n = dialogue.Utterances.Count;
        var present = new bool[n * 2];
        var emotion = new long[n];
        var speaker = new long[n];
        var acoustic = features.Acoustic is null ? null : new float[n * features.AcousticDim];
        var lexical = features.Lexical is null ? null : new float[n * features.LexicalDim];
        for (var i = 0; i < n; i++)
        {
            var u = dialogue.Utterances[i];
            present[2 * i] = Fill(features.Acoustic, u.Id, acoustic, i);
            present[2 * i + 1] = Fill(features.Lexical, u.Id, lexical, i);
            emotion[i] = withLabels && u.Label is not null ? IndexOf(classes, u.Label) : EncodedDialogue.Ignore;
            speaker[i] = speakers.TryGetValue(u.Speaker, out var s) ? s : EncodedDialogue.Ignore;
        }
        return new EncodedDialogue(
            dialogue.Id,
            dialogue.Group,
            dialogue.Utterances.Select(u => u.Id).ToArray(),
            acoustic is null ? null : tensor(acoustic, [n, features.AcousticDim]),
            lexical is null ? null : tensor(lexical, [n, features.LexicalDim]),
            tensor(present, [n, 2]),
            tensor(emotion),
            tensor(speaker));
    }

    private static bool Fill(Features.FeatureSet? set, string id, float[]? target, int row)
    {
        if (set is null || target is null || !set.TryGet(id, out var v) || v is null) return false;
        v.CopyTo(target, row * v.Length);
        return true;
    }

    private static long IndexOf(IReadOnlyList<string> classes, string label)
    {
        for (var i = 0; i < classes.Count; i++) if (classes[i] == label) return i;
        throw new ArgumentException($"label '{label}' is not one of the model's classes ({string.Join(", ", classes)})");
    }
}
