using TorchSharp;
using static TorchSharp.torch;

namespace EmoStream.Inference.Model;

/// <summary>
/// Per-dimension standardisation of one modality's features with statistics of the training data, kept as buffers so
/// a saved model carries them. Feature scales differ by orders of magnitude (Hz, dB, MFCCs), which Adam at lr 1e-4
/// cannot absorb on its own.
/// </summary>
public sealed class InputNormalizer : nn.Module
{
    private readonly Tensor _mean;
    private readonly Tensor _scale;

    public InputNormalizer(int dim) : base(nameof(InputNormalizer))
    {
        _mean = zeros(dim);
        _scale = ones(dim);
        register_buffer("mean", _mean);
        register_buffer("scale", _scale);
    }

    /// <summary>Sets the statistics from rows [N, dim] of present vectors.</summary>
    public void Fit(Tensor rows)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        if (rows.shape[0] == 0) return;
        var mean = rows.mean([0]);
        var std = rows.std(0, unbiased: false);
        // Constant dimensions keep scale 1 instead of exploding.
        var scale = where(std > 1e-6, std.reciprocal(), ones_like(std));
        _mean.copy_(mean);
        _scale.copy_(scale);
    }

    public Tensor Forward(Tensor x) => (x - _mean).mul_(_scale);
}
