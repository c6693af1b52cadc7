namespace EmoStream.Inference.Model;

/// <summary>
/// Everything that fixes the shape of a <see cref="ContextualDann"/>. A modality whose dimension is 0 has no
/// branch and is always masked (a model trained on one modality). <paramref name="Residual"/> adds each utterance's fused
/// vector to its context vector before the classifiers (not in the paper, whose classifiers see the context vector alone):
/// an utterance's own evidence then reaches the classifiers whatever the history the GRU carries.
/// </summary>
public sealed record DannArchitecture(
    int AcousticDim,
    int LexicalDim,
    int Classes,
    int Speakers,
    ContextMode Mode,
    int Hidden = 100,
    int Heads = 4,
    double Dropout = 0.2,
    bool Residual = false)
{
    public void Validate()
    {
        if (AcousticDim < 0 || LexicalDim < 0 || AcousticDim + LexicalDim == 0)
            throw new ArgumentException($"at least one modality needs a positive dimension (acoustic {AcousticDim}, lexical {LexicalDim})");
        if (Classes < 2) throw new ArgumentException($"need at least 2 emotion classes, got {Classes}");
        if (Speakers < 1) throw new ArgumentException($"need at least 1 speaker, got {Speakers}");
        if (Hidden % Heads != 0) throw new ArgumentException($"hidden size {Hidden} is not divisible by {Heads} heads");
        if (Mode == ContextMode.Offline && Hidden % 2 != 0) throw new ArgumentException($"offline mode splits hidden size {Hidden} over two directions");
        if (Dropout is < 0 or >= 1) throw new ArgumentException($"dropout must be in [0, 1), got {Dropout}");
    }
}
