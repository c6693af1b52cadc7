using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmoStream.Inference.Model;

/// <summary>
/// Multi-head self-attention of SA-GRU (paper eq. 4): per head softmax((H W_Q)(H W_K)^T) (H W_V), heads concatenated.
/// Scores are scaled by 1/sqrt(d/h) as in the cited Transformer; keys past a dialogue's end, and in causal mode keys
/// after the query, are masked out.
/// </summary>
public sealed class SelfAttention : nn.Module
{
    private const double MaskedScore = -1e9;

    internal readonly Linear Query;
    internal readonly Linear Key;
    internal readonly Linear Value;

    public SelfAttention(int hidden, int heads) : base(nameof(SelfAttention))
    {
        Heads = heads;
        HeadDim = hidden / heads;
        Query = nn.Linear(hidden, hidden, hasBias: false);
        Key = nn.Linear(hidden, hidden, hasBias: false);
        Value = nn.Linear(hidden, hidden, hasBias: false);
        RegisterComponents();
    }

    public int Heads { get; }
    public int HeadDim { get; }
    internal double Scale => 1.0 / Math.Sqrt(HeadDim);

    /// <summary>h [B, L, d]; valid [B, L] bool. Returns [B, L, d].</summary>
    public Tensor Forward(Tensor h, Tensor valid, bool causal)
    {
        using var scope = NewDisposeScope();
        long b = h.shape[0], l = h.shape[1];
        Tensor Split(Tensor x) => x.view(b, l, Heads, HeadDim).transpose(1, 2); // [B, H, L, dk]
        var q = Split(Query.forward(h));
        var k = Split(Key.forward(h));
        var v = Split(Value.forward(h));
        var scores = matmul(q, k.transpose(-2, -1)).mul(Scale); // [B, H, L, L]
        var blocked = valid.logical_not().view(b, 1, 1, l);
        if (causal)
        {
            var future = ones(l, l, dtype: @bool, device: h.device).triu(1).view(1, 1, l, l);
            blocked = blocked.logical_or(future);
        }
        scores = scores.masked_fill(blocked, MaskedScore);
        var attended = matmul(softmax(scores, dim: -1), v); // [B, H, L, dk]
        var result = attended.transpose(1, 2).reshape(b, l, Heads * HeadDim);
        return result.MoveToOuterDisposeScope();
    }
}
