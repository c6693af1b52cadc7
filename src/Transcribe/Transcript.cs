namespace EmoStream.Transcribe;

/// <summary>What one utterance turned into.</summary>
/// <param name="Text">The words; empty unless <paramref name="Status"/> is <see cref="TranscriptStatus.Recognized"/>.</param>
/// <param name="Engine">The engine that produced it (for instance "whisper" or "pocketsphinx").</param>
/// <param name="Confidence">The engine's own confidence in [0, 1] (Whisper: mean token probability;
/// PocketSphinx: posterior probability of the hypothesis); 0 when there is no text.</param>
/// <param name="AudioDuration">Length of the utterance's audio.</param>
/// <param name="ProcessingTime">Wall-clock time the engine took, waiting for a free decoder included.</param>
/// <param name="Status">Whether text was recognized, and if not, why.</param>
/// <param name="Detail">Why the text was dropped or the call failed; null when recognized.</param>
public sealed record Transcript(
    string Text,
    string Engine,
    double Confidence,
    TimeSpan AudioDuration,
    TimeSpan ProcessingTime,
    TranscriptStatus Status,
    string? Detail = null)
{
    public bool HasText => Status == TranscriptStatus.Recognized && Text.Length > 0;

    /// <summary>Real-time factor: processing time over audio time (below 1 keeps up with live audio).</summary>
    public double RealTimeFactor => AudioDuration > TimeSpan.Zero ? ProcessingTime / AudioDuration : 0;
}
