using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmoStream.Inference.Model;

/// <summary>
/// SA-GRU: a GRU over the dialogue's fused vectors, then multi-head self-attention. Offline mode is the paper's
/// (bidirectional, d/2 units each way, attention over the whole dialogue); causal mode is unidirectional with d
/// units and attention masked to the past, so utterance i never depends on anything after it.
/// </summary>
public sealed class SaGru : nn.Module
{
    internal readonly GRU Gru;
    internal readonly SelfAttention Attention;

    public SaGru(int hidden, int heads, ContextMode mode) : base(nameof(SaGru))
    {
        Mode = mode;
        Gru = mode == ContextMode.Offline
            ? nn.GRU(hidden, hidden / 2, batchFirst: true, bidirectional: true)
            : nn.GRU(hidden, hidden, batchFirst: true, bidirectional: false);
        Attention = new SelfAttention(hidden, heads);
        RegisterComponents();
    }

    public ContextMode Mode { get; }

    /// <summary>fused [B, L, d]; lengths [B] (int64, on CPU); valid [B, L]. Returns the contextual vectors R [B, L, d].</summary>
    public Tensor Forward(Tensor fused, Tensor lengths, Tensor valid)
    {
        using var scope = NewDisposeScope();
        Tensor h;
        if (Mode == ContextMode.Offline)
        {
            // Packing keeps the backward direction from reading padding first.
            var packed = nn.utils.rnn.pack_padded_sequence(fused, lengths, batch_first: true, enforce_sorted: false);
            var (output, _) = Gru.call(packed, null);
            (h, _) = nn.utils.rnn.pad_packed_sequence(output, batch_first: true, total_length: fused.shape[1]);
        }
        else
        {
            // Padding sits after each dialogue's end, so a forward-only GRU never reads it for a real utterance.
            (h, _) = Gru.forward(fused);
        }
        var r = Attention.Forward(h, valid, causal: Mode == ContextMode.Causal);
        return r.MoveToOuterDisposeScope();
    }
}
