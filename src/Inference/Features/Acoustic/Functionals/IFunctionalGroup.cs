namespace EmoStream.Inference.Features.Acoustic.Functionals;

/// <summary>Statistics that summarize a contour into fixed values; one name per value.</summary>
internal interface IFunctionalGroup
{
    IReadOnlyList<string> Names { get; }

    /// <summary>Writes <see cref="Names"/>.Count values; the contour holds at least one value.</summary>
    void Compute(Contour contour, Span<float> output);
}
