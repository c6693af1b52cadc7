using EmoStream.Inference.Model;
using static TorchSharp.torch;

namespace EmoStream.Inference.Tests.Model;

/// <summary>
/// AT-Fusion's scoring layers (W_F, w_F) learn only from utterances that carry both modalities: with one present, the
/// softmax gives it weight 1 whatever the scores, and no gradient reaches them. Training data of single-modality
/// corpora alone (the shipped model before conversations were assembled) therefore leaves the fusion untrained.
/// </summary>
public class FusionGradientTests
{
    [Fact]
    public void Utterances_with_one_modality_each_give_the_fusion_scores_no_gradient()
    {
        var norm = ScoringGradientNorm(lexicalPresent: [true, false, true, false, true, false, true, false], audioEverywhere: false);
        Assert.Equal(0.0, norm);
    }

    [Fact]
    public void Utterances_with_both_modalities_give_the_fusion_scores_gradient()
    {
        var norm = ScoringGradientNorm(lexicalPresent: Enumerable.Repeat(true, 8).ToArray(), audioEverywhere: true);
        Assert.True(norm > 1e-6, $"gradient norm of the fusion's scoring layers: {norm}");
    }

    /// <summary>The norm of the emotion loss's gradient on the fusion's scoring layers, over two dialogues of four.</summary>
    private static double ScoringGradientNorm(bool[] lexicalPresent, bool audioEverywhere)
    {
        var arch = ModelTestData.Architecture(ContextMode.Causal);
        random.manual_seed(4);
        using var model = new ContextualDann(arch);
        model.train();
        using var batch = ModelTestData.Batch(arch, [4, 4], lexicalPresent: lexicalPresent);
        if (!audioEverywhere) batch.Present[.., .., 0] = batch.Present[.., .., 1].logical_not(); // exactly one modality each
        using var output = model.Forward(batch, lambda: 0);
        var targets = tensor(new long[] { 0, 1, 2, 3, 3, 2, 1, 0 }, [2, 4]);
        nn.functional.cross_entropy(output.EmotionLogits.reshape(-1, 4), targets.reshape(-1)).backward();
        var scoring = model.Fusion.named_parameters().Where(p => p.name.Contains("score", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.Equal(2, scoring.Length);
        return Math.Sqrt(scoring.Sum(p => p.parameter.grad is { } g ? g.pow(2).sum().item<float>() : 0.0));
    }
}
