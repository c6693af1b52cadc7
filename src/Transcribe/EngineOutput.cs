namespace EmoStream.Transcribe;

/// <summary>What an engine's decoder returns for one utterance, before timing and status are attached.</summary>
/// <param name="Text">Recognized words, trimmed; empty when nothing (plausible) was heard.</param>
/// <param name="Confidence">In [0, 1].</param>
/// <param name="DroppedBecause">Why otherwise decoded text was discarded; null when kept or empty.</param>
public sealed record EngineOutput(string Text, double Confidence, string? DroppedBecause = null);
