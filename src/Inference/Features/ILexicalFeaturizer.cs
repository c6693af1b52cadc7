namespace EmoStream.Inference.Features;

/// <summary>Turns one utterance's transcript into a fixed-length vector.</summary>
public interface ILexicalFeaturizer
{
    FeaturizerInfo Info { get; }

    /// <summary>Null when the text is absent or has no usable token: the model masks the modality, never a zero vector.</summary>
    float[]? Extract(string? text);

    /// <summary>
    /// The vectors of many texts, in order (null where <see cref="Extract"/> gives null): the same as calling
    /// <see cref="Extract"/> on each, to float rounding, and faster for a featurizer that encodes several texts at once.
    /// </summary>
    float[]?[] ExtractBatch(IReadOnlyList<string?> texts, CancellationToken ct = default)
    {
        var result = new float[]?[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            result[i] = Extract(texts[i]);
        }
        return result;
    }
}
