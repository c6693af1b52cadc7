using TorchSharp;
using static TorchSharp.torch;

namespace EmoStream.Inference.Model;

/// <summary>
/// The gradient reversal layer (Ganin and Lempitsky 2015): identity forward, gradient multiplied by -lambda backward.
/// Written as x' = stop(x) + lambda * (stop(x) - x): the bracket is exactly zero forward, and only its -x term carries
/// gradient, so backward sees d x'/d x = -lambda.
/// </summary>
public static class GradientReversal
{
    public static Tensor Apply(Tensor x, double lambda)
    {
        if (lambda == 0) return x.detach();
        using var frozen = x.detach();
        using var diff = frozen - x;
        return frozen + diff.mul(lambda);
    }
}
