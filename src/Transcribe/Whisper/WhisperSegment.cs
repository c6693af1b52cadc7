namespace EmoStream.Transcribe.Whisper;

/// <summary>One segment of whisper.cpp output with what is needed to judge it.</summary>
/// <param name="TokenProbabilities">Probabilities of the segment's text tokens (special tokens excluded).</param>
public sealed record WhisperSegment(string Text, float NoSpeechProbability, IReadOnlyList<float> TokenProbabilities);
