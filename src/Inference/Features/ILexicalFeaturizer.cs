namespace EmoStream.Inference.Features;

/// <summary>Turns one utterance's transcript into a fixed-length vector.</summary>
public interface ILexicalFeaturizer
{
    FeaturizerInfo Info { get; }

    /// <summary>Null when the text is absent or has no usable token: the model masks the modality, never a zero vector.</summary>
    float[]? Extract(string? text);
}
