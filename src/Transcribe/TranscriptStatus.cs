namespace EmoStream.Transcribe;

public enum TranscriptStatus
{
    /// <summary>Text was recognized and passed the engine's plausibility checks.</summary>
    Recognized,

    /// <summary>No words: silence, too quiet, or output dropped as implausible (see <see cref="Transcript.Detail"/>).</summary>
    NoSpeech,

    /// <summary>The engine did not finish within the utterance time-out; its decoder was abandoned.</summary>
    TimedOut,

    /// <summary>The engine reported an error for this utterance.</summary>
    Failed,
}
