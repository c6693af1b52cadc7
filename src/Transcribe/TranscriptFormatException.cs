namespace EmoStream.Transcribe;

/// <summary>A transcript file or message is not what it must be; the message names the file (or message), line and what was expected.</summary>
public sealed class TranscriptFormatException(string message) : Exception(message);
