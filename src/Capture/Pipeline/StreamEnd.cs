namespace EmoStream.Capture.Pipeline;

/// <summary>How and why a capture stream ended; <see cref="Error"/> is kept for logs when it failed.</summary>
public sealed record StreamEnd(StreamEndKind Kind, string Reason, Exception? Error = null);
