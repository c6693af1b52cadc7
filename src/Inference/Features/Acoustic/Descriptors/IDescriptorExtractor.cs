using EmoStream.Inference.Features.Acoustic.Analysis;

namespace EmoStream.Inference.Features.Acoustic.Descriptors;

/// <summary>A family of low-level descriptors computed from the shared analysis of one utterance.</summary>
internal interface IDescriptorExtractor
{
    IReadOnlyList<DescriptorInfo> Descriptors { get; }

    /// <summary>Fills rows <paramref name="firstRow"/> .. + Descriptors.Count - 1 of <paramref name="output"/>, in <see cref="Descriptors"/> order.</summary>
    void Extract(UtteranceAnalysis analysis, DescriptorMatrix output, int firstRow);
}
