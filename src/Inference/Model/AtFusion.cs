using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmoStream.Inference.Model;

/// <summary>
/// AT-Fusion (paper eqs. 1-3): project each modality to d, score them with w_F^T tanh(W_F u), softmax over the
/// modalities present, and mix. A masked modality gets a logit of -1e9, hence a weight of exactly zero.
/// </summary>
public sealed class AtFusion : nn.Module
{
    private const double MaskedLogit = -1e9;

    private readonly Linear? _acoustic;
    private readonly Linear? _lexical;
    private readonly Linear _scoreHidden;
    private readonly Linear _scoreOut;
    private readonly int _hidden;

    public AtFusion(int acousticDim, int lexicalDim, int hidden) : base(nameof(AtFusion))
    {
        _hidden = hidden;
        if (acousticDim > 0) _acoustic = nn.Linear(acousticDim, hidden);
        if (lexicalDim > 0) _lexical = nn.Linear(lexicalDim, hidden);
        _scoreHidden = nn.Linear(hidden, hidden, hasBias: false);
        _scoreOut = nn.Linear(hidden, 1, hasBias: false);
        RegisterComponents();
    }

    /// <summary>
    /// acoustic [..., da], lexical [..., dt], present [..., 2] (bool: acoustic, lexical).
    /// Returns the fused vectors [..., d] and the modality weights [..., 2].
    /// </summary>
    public (Tensor Fused, Tensor Weights) Forward(Tensor? acoustic, Tensor? lexical, Tensor present)
    {
        using var scope = NewDisposeScope();
        var shape = present.shape[..^1].Append(_hidden).ToArray();
        var ua = _acoustic is not null && acoustic is not null ? _acoustic.forward(acoustic) : zeros(shape, dtype: float32, device: present.device);
        var ut = _lexical is not null && lexical is not null ? _lexical.forward(lexical) : zeros(shape, dtype: float32, device: present.device);
        var u = stack([ua, ut], dim: -2); // [..., 2, d]
        var logits = _scoreOut.forward(tanh(_scoreHidden.forward(u))).squeeze(-1); // [..., 2]
        // A modality the model has no branch for is never present, whatever the input says.
        var branches = tensor(new[] { _acoustic is not null && acoustic is not null, _lexical is not null && lexical is not null }, device: present.device);
        logits = logits.masked_fill(present.logical_and(branches).logical_not(), MaskedLogit);
        var weights = softmax(logits, dim: -1);
        var fused = (u * weights.unsqueeze(-1)).sum(dim: -2);
        return (fused.MoveToOuterDisposeScope(), weights.MoveToOuterDisposeScope());
    }
}
