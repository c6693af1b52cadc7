namespace EmoStream.Capture.Streams;

/// <summary>A live stream that cannot go on: malformed data, a wrong format, a vanished device, a dropped connection.</summary>
public sealed class AudioStreamException(string source, string reason, Exception? inner = null)
    : Exception($"{source}: {reason}", inner)
{
    public string StreamName { get; } = source;
    public string Reason { get; } = reason;
}
