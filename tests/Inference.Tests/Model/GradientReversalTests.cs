using EmoStream.Testing;
using EmoStream.Inference.Model;
using static TorchSharp.torch;

namespace EmoStream.Inference.Tests.Model;

[Collection(LibTorchGenerator.Name)]
public class GradientReversalTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void Passes_values_unchanged_and_reverses_and_scales_the_gradient(double lambda)
    {
        var x = randn(5, 3).requires_grad_(true);
        var upstream = randn(5, 3);

        var y = GradientReversal.Apply(x, lambda);
        (y * upstream).sum().backward();

        Assert.True(y.eq(x.detach()).all().item<bool>(), "forward pass must be the identity");
        Assert.True(x.grad!.allclose(upstream * -lambda, rtol: 1e-6, atol: 1e-7), "gradient must be -lambda times the upstream one");
    }

    [Fact]
    public void Lambda_zero_blocks_the_gradient()
    {
        var x = randn(4).requires_grad_(true);
        var w = randn(4).requires_grad_(true);

        (GradientReversal.Apply(x, 0) * w).sum().backward();

        Assert.Null(x.grad);
        Assert.NotNull(w.grad);
    }
}
