using EmoStream.Testing;
using EmoStream.Inference.Model;
using static TorchSharp.torch;

namespace EmoStream.Inference.Tests.Model;

[Collection(LibTorchGenerator.Name)]
public class AtFusionTests
{
    [Fact]
    public void A_masked_modality_gets_exactly_zero_weight_and_no_influence()
    {
        random.manual_seed(5);
        using var fusion = new AtFusion(6, 4, 10);
        using var noGrad = no_grad();
        var a = randn(3, 6);
        var t = randn(3, 4);
        var present = tensor(new[] { true, true, true, false, false, true }, [3, 2]);

        var (fused, weights) = fusion.Forward(a, t, present);
        var (fusedOtherText, _) = fusion.Forward(a, randn(3, 4) * 100, present);

        var w = weights.data<float>().ToArray();
        Assert.Equal(0f, w[3]); // row 1: text masked
        Assert.Equal(0f, w[4]); // row 2: audio masked
        Assert.Equal(1f, w[2], 6);
        Assert.Equal(1f, w[5], 6);
        Assert.True(w[0] > 0 && w[1] > 0 && Math.Abs(w[0] + w[1] - 1) < 1e-6);
        // Changing the masked text of row 1 changes nothing there; row 0 uses its text and does change.
        Assert.True(fused[1].allclose(fusedOtherText[1]));
        Assert.False(fused[0].allclose(fusedOtherText[0]));
    }

    [Fact]
    public void A_model_with_one_modality_works_on_it_alone()
    {
        var arch = ModelTestData.Architecture(ContextMode.Causal, acoustic: 0, lexical: 8);
        using var model = ModelTestData.EvalModel(arch);
        using var batch = ModelTestData.Batch(arch, [4, 2]);
        using var noGrad = no_grad();

        using var output = model.Forward(batch);

        var weights = output.ModalityWeights[batch.Valid].data<float>().ToArray();
        Assert.Equal(12, weights.Length);
        Assert.All(weights.Where((_, i) => i % 2 == 0), w => Assert.Equal(0f, w));
        Assert.All(weights.Where((_, i) => i % 2 == 1), w => Assert.Equal(1f, w));
        Assert.False(output.EmotionLogits.isnan().any().item<bool>());
    }
}
