using EmoStream.Inference.Features.Acoustic.Functionals;

namespace EmoStream.Inference.Features.Acoustic.Sets;

/// <summary>
/// "Summarize these descriptors (or their deltas) over these frames with these functionals": one block of a
/// feature set. Output order: descriptor by descriptor, functionals in order within each.
/// </summary>
internal sealed record FunctionalRule(IReadOnlyList<string> Descriptors, bool Delta, FrameSelection Frames, IReadOnlyList<IFunctionalGroup> Functionals);
