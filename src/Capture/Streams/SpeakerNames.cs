namespace EmoStream.Capture.Streams;

/// <summary>Names the speaker of each channel: the configured name, else "channel N".</summary>
public static class SpeakerNames
{
    public static string[] ForChannels(IReadOnlyList<string> configured, int channels) =>
        Enumerable.Range(0, channels)
            .Select(c => c < configured.Count ? configured[c] : $"channel {c + 1}")
            .ToArray();

    /// <summary>
    /// The first name given twice (ignoring case), or null when all differ: two channels under one name would feed
    /// one segmenter and make wrong utterances.
    /// </summary>
    public static string? Repeated(IEnumerable<string> names)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return names.FirstOrDefault(name => !seen.Add(name));
    }
}
