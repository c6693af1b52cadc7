using EmoStream.Inference.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoStream.Inference.Tests.Model;

internal static class ModelTestData
{
    public static DannArchitecture Architecture(ContextMode mode, int acoustic = 12, int lexical = 8, bool residual = false) =>
        new(acoustic, lexical, Classes: 4, Speakers: 3, mode, Residual: residual);

    /// <summary>Random batch of dialogues with the given lengths; every utterance has both modalities unless told.</summary>
    public static DialogueBatch Batch(DannArchitecture arch, long[] lengths, int seed = 3, bool[]? lexicalPresent = null)
    {
        var generator = new Generator((ulong)seed);
        var b = lengths.Length;
        var l = lengths.Max();
        var valid = arange(l).unsqueeze(0) < tensor(lengths).unsqueeze(1);
        var present = stack([valid, valid], dim: -1);
        if (lexicalPresent is not null)
            present[.., .., 1] = tensor(lexicalPresent, [b, l]).logical_and(valid);
        return new DialogueBatch(
            arch.AcousticDim > 0 ? randn([b, l, arch.AcousticDim], generator: generator) : null,
            arch.LexicalDim > 0 ? randn([b, l, arch.LexicalDim], generator: generator) : null,
            present, tensor(lengths), valid);
    }

    public static ContextualDann EvalModel(DannArchitecture arch, int seed = 11)
    {
        random.manual_seed(seed);
        var model = new ContextualDann(arch);
        model.eval();
        return model;
    }
}
