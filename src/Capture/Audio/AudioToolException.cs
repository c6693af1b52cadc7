namespace EmoStream.Capture.Audio;

/// <summary>An external tool the product relies on (ffmpeg, ffprobe, arecord) is missing or could not start.</summary>
public sealed class AudioToolException(string tool, string problem, Exception? inner = null)
    : Exception($"{tool}: {problem}", inner)
{
    public string Tool { get; } = tool;
}
