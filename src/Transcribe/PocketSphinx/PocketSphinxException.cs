namespace EmoStream.Transcribe.PocketSphinx;

/// <summary>PocketSphinx is missing, its model is missing, or a call into it failed.</summary>
public sealed class PocketSphinxException(string message) : Exception(message);
