namespace EmoStream.Inference.Features;

/// <summary>
/// Who made a feature vector: <paramref name="Id"/> is a versioned name (<c>acoustic/compact@1</c>),
/// <paramref name="Settings"/> a canonical description of every setting that changes the numbers.
/// Features and models record it; a mismatch is refused.
/// </summary>
public sealed record FeaturizerInfo(string Id, Modality Modality, int Dimension, string Settings)
{
    public bool SameAs(FeaturizerInfo other) =>
        Id == other.Id && Modality == other.Modality && Dimension == other.Dimension && Settings == other.Settings;

    public override string ToString() => $"{Id} ({Dimension}-d, {Settings})";
}
