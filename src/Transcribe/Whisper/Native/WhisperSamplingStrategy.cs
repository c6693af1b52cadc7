namespace EmoStream.Transcribe.Whisper.Native;

/// <summary><c>enum whisper_sampling_strategy</c>.</summary>
public enum WhisperSamplingStrategy
{
    Greedy = 0,
    BeamSearch = 1,
}
