namespace EmoStream.Capture.Streams;

/// <summary>
/// A block of samples from one speaker channel, with its <see cref="Format"/>. A source's frames for one speaker are
/// contiguous: gaps (lost network packets) are filled with silence by the source so that sample counts are time.
/// Sources resample to <see cref="AudioFormat.Speech"/>; capture refuses frames in any other format instead of
/// misreading them.
/// </summary>
public sealed record AudioFrame(string Speaker, float[] Samples, AudioFormat Format)
{
    /// <summary>A block of speech-format samples (<see cref="AudioFormat.Speech"/>, 16 kHz mono).</summary>
    public AudioFrame(string speaker, float[] samples) : this(speaker, samples, AudioFormat.Speech)
    {
    }

    public TimeSpan Duration => Format.Duration(Samples.Length);
}
