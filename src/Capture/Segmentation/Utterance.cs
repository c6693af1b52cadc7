using EmoStream.Capture.Streams;

namespace EmoStream.Capture.Segmentation;

/// <summary>
/// One stretch of one speaker's speech. <see cref="Start"/> and <see cref="End"/> are where the detector found
/// speech, on the stream's clock (time from the start of that speaker's audio); <see cref="Samples"/> (in
/// <see cref="Format"/>, 16 kHz mono) hold that speech plus up to the configured padding on each side, beginning at <see cref="SamplesStart"/>,
/// so that a transcriber does not lose clipped word edges.
/// </summary>
public sealed record Utterance(string Speaker, TimeSpan Start, TimeSpan End, TimeSpan SamplesStart, float[] Samples)
{
    public TimeSpan Duration => End - Start;

    /// <summary>The samples' format: segmentation works on <see cref="AudioFormat.Speech"/> frames only.</summary>
    public AudioFormat Format { get; init; } = AudioFormat.Speech;
}
