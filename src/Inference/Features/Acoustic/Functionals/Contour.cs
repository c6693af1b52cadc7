namespace EmoStream.Inference.Features.Acoustic.Functionals;

/// <summary>
/// The values of one descriptor over the frames selected for a functional (never empty), with the frame
/// index of each value so that gaps (unvoiced frames) and times are known.
/// </summary>
internal readonly ref struct Contour(ReadOnlySpan<float> values, ReadOnlySpan<int> frames, int totalFrames, double framesPerSecond)
{
    public ReadOnlySpan<float> Values { get; } = values;
    public ReadOnlySpan<int> Frames { get; } = frames;
    public int Count => Values.Length;

    /// <summary>Frames in the whole utterance, selected or not.</summary>
    public int TotalFrames { get; } = totalFrames;

    public double FramesPerSecond { get; } = framesPerSecond;

    public double Seconds(int index) => Frames[index] / FramesPerSecond;

    /// <summary>True when values i and i + 1 come from adjacent frames (no gap between them).</summary>
    public bool Adjacent(int i) => Frames[i + 1] == Frames[i] + 1;
}
