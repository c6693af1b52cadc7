namespace EmoStream.Capture.Streams;

/// <summary>Names the speaker of each channel: the configured name, else "channel N".</summary>
public static class SpeakerNames
{
    public static string[] ForChannels(IReadOnlyList<string> configured, int channels) =>
        Enumerable.Range(0, channels)
            .Select(c => c < configured.Count ? configured[c] : $"channel {c + 1}")
            .ToArray();
}
