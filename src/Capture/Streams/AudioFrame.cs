namespace EmoStream.Capture.Streams;

/// <summary>
/// A block of 16 kHz mono samples from one speaker channel. A source's frames for one speaker are contiguous:
/// gaps (lost network packets) are filled with silence by the source so that sample counts are time.
/// </summary>
public sealed record AudioFrame(string Speaker, float[] Samples);
