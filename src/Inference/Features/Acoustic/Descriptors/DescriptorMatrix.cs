namespace EmoStream.Inference.Features.Acoustic.Descriptors;

/// <summary>
/// Descriptor contours of one utterance, one row per descriptor and one column per frame. NaN marks a frame
/// in which the descriptor has no value (unvoiced for F0, silent for spectral shape, ...).
/// </summary>
internal sealed class DescriptorMatrix(int descriptors, int frames)
{
    private readonly float[] _data = new float[descriptors * frames];

    public int Descriptors { get; } = descriptors;
    public int Frames { get; } = frames;

    public Span<float> Row(int descriptor) => _data.AsSpan(descriptor * Frames, Frames);
}
