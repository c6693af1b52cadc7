namespace EmoStream.Transcribe.Whisper.Models;

/// <summary>A Whisper model file is missing, not a ggml Whisper model, truncated or corrupt; the message names the file.</summary>
public sealed class WhisperModelException(string message) : Exception(message);
