namespace EmoStream.Transcribe.Whisper;

/// <summary>whisper.cpp reported an error while decoding (the model itself loaded).</summary>
public sealed class WhisperException(string message) : Exception(message);
