namespace EmoStream.Inference.Features.Acoustic.Descriptors;

/// <summary>
/// One low-level descriptor: a value per 10 ms frame. <paramref name="Unit"/> says what the numbers mean;
/// descriptors that only exist in some frames (F0 in voiced ones, spectral shape in non-silent ones) have no
/// value elsewhere and functionals skip those frames.
/// </summary>
public sealed record DescriptorInfo(string Name, string Unit, string Description);
