namespace EmoStream.Capture.Audio;

/// <summary>A recording longer than the longest one accepted; decoding stopped as soon as the limit was passed.</summary>
public sealed class RecordingTooLongException(string file, TimeSpan limit)
    : Exception($"{file}: the recording lasts more than the limit of {Describe(limit)}")
{
    public string File { get; } = file;
    public TimeSpan Limit { get; } = limit;

    public static string Describe(TimeSpan duration) =>
        duration.TotalHours >= 1 && duration.TotalHours == Math.Floor(duration.TotalHours) ? $"{duration.TotalHours:0} h"
        : duration.TotalMinutes >= 1 && duration.TotalMinutes == Math.Floor(duration.TotalMinutes) ? $"{duration.TotalMinutes:0} min"
        : $"{duration.TotalSeconds:0.###} s";
}
