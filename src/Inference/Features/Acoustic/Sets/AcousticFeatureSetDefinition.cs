namespace EmoStream.Inference.Features.Acoustic.Sets;

/// <summary>
/// A named, versioned feature set: blocks of functionals over descriptors, then optionally the utterance-level
/// rhythm features. Changing what a set computes requires a new <paramref name="Version"/>.
/// </summary>
internal sealed record AcousticFeatureSetDefinition(string Name, int Version, string Description, IReadOnlyList<FunctionalRule> Rules, bool Rhythm)
{
    public string Id => $"acoustic/{Name}@{Version}";
}
