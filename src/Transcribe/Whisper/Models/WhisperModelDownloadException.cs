namespace EmoStream.Transcribe.Whisper.Models;

/// <summary>A model could not be downloaded (unknown name, no network, wrong size or hash); the message says which and what to do.</summary>
public sealed class WhisperModelDownloadException(string message, Exception? inner = null) : Exception(message, inner);
