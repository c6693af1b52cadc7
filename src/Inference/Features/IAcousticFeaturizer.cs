namespace EmoStream.Inference.Features;

/// <summary>Turns one utterance's audio (16 kHz mono, [-1, 1]) into a fixed-length vector.</summary>
public interface IAcousticFeaturizer
{
    /// <summary>Stable, versioned identity such as <c>acoustic/compact@1</c>; stored with features and models.</summary>
    FeaturizerInfo Info { get; }

    float[] Extract(ReadOnlySpan<float> samples);
}
