using EmoStream.Testing;
using EmoStream.Inference.Model;
using static TorchSharp.torch;

namespace EmoStream.Inference.Tests.Model;

[Collection(LibTorchGenerator.Name)]
public class CausalityTests
{
    /// <summary>The first <paramref name="n"/> utterances of a one-dialogue batch.</summary>
    private static DialogueBatch Prefix(DialogueBatch full, int n) =>
        new(full.Acoustic![.., ..n], full.Lexical![.., ..n], full.Present[.., ..n], tensor(new long[] { n }), full.Valid[.., ..n]);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void In_causal_mode_adding_an_utterance_changes_nothing_before_it(bool residual)
    {
        var arch = ModelTestData.Architecture(ContextMode.Causal, residual: residual);
        using var model = ModelTestData.EvalModel(arch);
        using var full = ModelTestData.Batch(arch, [9]);
        using var noGrad = no_grad();
        using var all = model.Forward(full);

        for (var i = 1; i < 9; i++)
        {
            using var prefix = Prefix(full, i);
            using var part = model.Forward(prefix);
            Assert.True(part.EmotionLogits.allclose(all.EmotionLogits[.., ..i], rtol: 1e-5, atol: 1e-6), $"prefix of {i} changed");
        }
    }

    [Fact]
    public void In_offline_mode_later_utterances_do_change_earlier_scores()
    {
        var arch = ModelTestData.Architecture(ContextMode.Offline);
        using var model = ModelTestData.EvalModel(arch);
        using var full = ModelTestData.Batch(arch, [9]);
        using var noGrad = no_grad();
        using var all = model.Forward(full);
        using var prefix = Prefix(full, 5);

        using var part = model.Forward(prefix);

        Assert.False(part.EmotionLogits.allclose(all.EmotionLogits[.., ..5], rtol: 1e-4, atol: 1e-5));
    }

    [Theory]
    [InlineData(ContextMode.Causal)]
    [InlineData(ContextMode.Offline)]
    public void Padding_does_not_change_a_dialogue_scores(ContextMode mode)
    {
        var arch = ModelTestData.Architecture(mode);
        using var model = ModelTestData.EvalModel(arch);
        using var padded = ModelTestData.Batch(arch, [4, 10]);
        using var noGrad = no_grad();
        using var alone = new DialogueBatch(padded.Acoustic![..1, ..4], padded.Lexical![..1, ..4], padded.Present[..1, ..4], tensor(new long[] { 4 }), padded.Valid[..1, ..4]);

        using var a = model.Forward(padded);
        using var b = model.Forward(alone);

        Assert.True(a.EmotionLogits[..1, ..4].allclose(b.EmotionLogits, rtol: 1e-5, atol: 1e-6));
    }
}
