namespace EmoStream.Transcribe;

/// <summary>A <c>Transcription</c> setting is out of range; the message names it, with the value found and the one expected.</summary>
public sealed class TranscriptionConfigurationException(string message) : Exception(message);
