namespace EmoStream.Capture.Pipeline;

public enum StreamEndKind
{
    /// <summary>The audio ended (end of file, the device or client closed the stream as expected).</summary>
    Completed,

    /// <summary>The stream could not go on; the reason says why.</summary>
    Failed,

    /// <summary>Stopped by its owner.</summary>
    Cancelled,
}
