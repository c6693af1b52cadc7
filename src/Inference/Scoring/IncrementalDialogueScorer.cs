using EmoStream.Inference.Calibration;
using EmoStream.Inference.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoStream.Inference.Scoring;

/// <summary>
/// Scores one live dialogue an utterance at a time with a causal model. It keeps the GRU state and, per head, the
/// attention keys and values of the last <see cref="Window"/> utterances, so each utterance costs O(window).
/// While the dialogue is no longer than the window, outputs equal the batch causal forward pass. Once it is longer,
/// the oldest keys and values leave the window: attention sees the last <see cref="Window"/> utterances only, while
/// the GRU state still carries the whole history (as in the batch pass).
/// Not thread-safe: one instance per dialogue.
/// </summary>
public sealed class IncrementalDialogueScorer : IDisposable
{
    private readonly ContextualDann _model;
    private readonly int _acousticDim;
    private readonly int _lexicalDim;
    private readonly Tensor _keys;   // [H, W, dk], a ring buffer
    private readonly Tensor _values; // [H, W, dk]
    private Tensor? _state;          // [1, 1, d]
    private int _count;

    private readonly Temperatures _temperatures;

    /// <param name="temperatures">Calibration (<see cref="ModelMetadata.Temperatures"/>); none leaves the softmax as trained.</param>
    public IncrementalDialogueScorer(ContextualDann model, int window, Temperatures? temperatures = null)
    {
        _temperatures = temperatures ?? Temperatures.None;
        if (model.Architecture.Mode != ContextMode.Causal)
            throw new ArgumentException("incremental scoring needs a causal-mode model; offline models look at future utterances");
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), window, "window must hold at least one utterance");
        _model = model;
        Window = window;
        _acousticDim = model.Architecture.AcousticDim;
        _lexicalDim = model.Architecture.LexicalDim;
        var attention = model.Context.Attention;
        _keys = zeros(attention.Heads, window, attention.HeadDim);
        _values = zeros(attention.Heads, window, attention.HeadDim);
    }

    public int Window { get; }

    /// <summary>Utterances scored so far.</summary>
    public int Count => _count;

    /// <summary>Scores the next utterance; pass null for a modality it lacks (it gets zero weight).</summary>
    public UtteranceScore Add(ReadOnlySpan<float> acoustic, ReadOnlySpan<float> lexical, bool hasAcoustic, bool hasLexical)
    {
        if (_model.training) throw new InvalidOperationException("the model is in training mode; scoring needs eval()");
        if (hasAcoustic && acoustic.Length != _acousticDim)
            throw new ArgumentException($"acoustic vector has {acoustic.Length} values, the model expects {_acousticDim}");
        if (hasLexical && lexical.Length != _lexicalDim)
            throw new ArgumentException($"lexical vector has {lexical.Length} values, the model expects {_lexicalDim}");
        hasAcoustic &= _acousticDim > 0;
        hasLexical &= _lexicalDim > 0;

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var a = _acousticDim > 0 ? (hasAcoustic ? tensor(acoustic.ToArray(), [1, _acousticDim]) : zeros(1, _acousticDim)) : null;
        var t = _lexicalDim > 0 ? (hasLexical ? tensor(lexical.ToArray(), [1, _lexicalDim]) : zeros(1, _lexicalDim)) : null;
        var present = tensor(new[] { hasAcoustic, hasLexical }, [1, 2]);
        var (fused, weights) = _model.Fuse(a, t, present); // [1, d], [1, 2]

        var (output, state) = _model.Context.Gru.call(fused.unsqueeze(0), _state); // [1, 1, d], [1, 1, d]
        _state?.Dispose();
        _state = state.MoveToOuterDisposeScope();
        var h = output.view(1, -1); // [1, d]

        var attention = _model.Context.Attention;
        int heads = attention.Heads, dk = attention.HeadDim;
        var slot = _count % Window;
        _keys[.., slot, ..] = attention.Key.forward(h).view(heads, dk);
        _values[.., slot, ..] = attention.Value.forward(h).view(heads, dk);
        _count++;
        var filled = Math.Min(_count, Window);
        var keys = _keys[.., ..filled, ..];
        var values = _values[.., ..filled, ..];
        var q = attention.Query.forward(h).view(heads, dk, 1);
        var scores = matmul(keys, q).squeeze(-1).mul(attention.Scale); // [H, n]
        var r = _model.WithResidual(matmul(softmax(scores, -1).unsqueeze(1), values).view(1, heads * dk), fused); // [1, d]
        var logits = _model.EmotionHead.forward(r).data<float>().ToArray();
        return new UtteranceScore(_count - 1, _temperatures.Probabilities(logits, ModalityPatterns.Of(hasAcoustic, hasLexical)), weights.data<float>().ToArray());
    }

    public void Dispose()
    {
        _keys.Dispose();
        _values.Dispose();
        _state?.Dispose();
    }
}
