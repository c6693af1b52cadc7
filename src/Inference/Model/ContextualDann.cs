using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EmoStream.Inference.Model;

/// <summary>
/// The context-dependent DANN of Lian et al. (2020): AT-Fusion, SA-GRU, an emotion classifier on R, and a speaker
/// classifier on R behind a gradient reversal layer of weight lambda.
/// </summary>
public sealed class ContextualDann : nn.Module
{
    internal readonly InputNormalizer? AcousticNorm;
    internal readonly InputNormalizer? LexicalNorm;
    internal readonly AtFusion Fusion;
    internal readonly Dropout FusedDropout;
    internal readonly SaGru Context;
    internal readonly Dropout ContextDropout;
    internal readonly Linear EmotionHead;
    internal readonly Sequential SpeakerHead;

    public ContextualDann(DannArchitecture architecture) : base(nameof(ContextualDann))
    {
        architecture.Validate();
        Architecture = architecture;
        var d = architecture.Hidden;
        if (architecture.AcousticDim > 0) AcousticNorm = new InputNormalizer(architecture.AcousticDim);
        if (architecture.LexicalDim > 0) LexicalNorm = new InputNormalizer(architecture.LexicalDim);
        Fusion = new AtFusion(architecture.AcousticDim, architecture.LexicalDim, d);
        FusedDropout = nn.Dropout(architecture.Dropout);
        Context = new SaGru(d, architecture.Heads, architecture.Mode);
        ContextDropout = nn.Dropout(architecture.Dropout);
        EmotionHead = nn.Linear(d, architecture.Classes);
        SpeakerHead = nn.Sequential(nn.Linear(d, d), nn.ReLU(), nn.Linear(d, architecture.Speakers));
        RegisterComponents();
    }

    public DannArchitecture Architecture { get; }

    /// <summary>Full forward pass; lambda only scales the gradient that flows back from the speaker classifier.</summary>
    public DannOutput Forward(DialogueBatch batch, double lambda = 1.0)
    {
        using var scope = NewDisposeScope();
        var (fused, weights) = Fuse(batch.Acoustic, batch.Lexical, batch.Present);
        var fusedDropped = FusedDropout.forward(fused);
        var r = WithResidual(Context.Forward(fusedDropped, batch.Lengths, batch.Valid), fusedDropped);
        var rDropped = ContextDropout.forward(r);
        var emotion = EmotionHead.forward(rDropped);
        var speaker = SpeakerHead.forward(GradientReversal.Apply(rDropped, lambda));
        return new DannOutput(
            emotion.MoveToOuterDisposeScope(),
            speaker.MoveToOuterDisposeScope(),
            weights.MoveToOuterDisposeScope(),
            r.MoveToOuterDisposeScope());
    }

    /// <summary>What the classifiers see: the context vectors, plus the fused ones in a residual model.</summary>
    internal Tensor WithResidual(Tensor context, Tensor fused) => Architecture.Residual ? context.add(fused) : context;

    /// <summary>Normalises the present modalities and fuses them; shared by the batch and incremental paths.</summary>
    internal (Tensor Fused, Tensor Weights) Fuse(Tensor? acoustic, Tensor? lexical, Tensor present)
    {
        using var scope = NewDisposeScope();
        var a = acoustic is not null && AcousticNorm is not null ? AcousticNorm.Forward(acoustic) : null;
        var t = lexical is not null && LexicalNorm is not null ? LexicalNorm.Forward(lexical) : null;
        var (fused, weights) = Fusion.Forward(a, t, present);
        return (fused.MoveToOuterDisposeScope(), weights.MoveToOuterDisposeScope());
    }
}
