namespace EmoStream.Capture.Diarization;

/// <summary>How <see cref="Diarizer"/> finds who spoke when in one channel.</summary>
public sealed record DiarizationOptions
{
    /// <summary>How many speakers there are; null: found from the audio (at most <see cref="MaxSpeakers"/>).</summary>
    public int? Speakers { get; init; }

    public int MaxSpeakers { get; init; } = 4;

    /// <summary>Frames this far above the quietest tenth of the recording (dB) are speech.</summary>
    public double SpeechMarginDb { get; init; } = 6;

    /// <summary>BIC penalty weight for a speaker change inside speech (higher: fewer changes).</summary>
    public double ChangePenalty { get; init; } = 1.0;

    /// <summary>
    /// Without a known speaker count: the log-evidence a merge of two clusters in the speaker space may lose and still be
    /// made (lower: fewer speakers). Chosen by cross-validation on RAVDESS actors 1–12; measured, not good enough to offer (docs/DIARIZATION.md).
    /// </summary>
    public double CountThreshold { get; init; } = -5;

    /// <summary>
    /// Without a known speaker count: at most this many segments (of 1.5 s or more, spread evenly over the call) decide
    /// it, about as many as the 50-second calls <see cref="CountThreshold"/> was chosen on have, so that a long call is
    /// counted as they are.
    /// </summary>
    public int CountSegments { get; init; } = 20;

    /// <summary>Seconds of frame scores averaged when frames are re-assigned to speakers (longer: steadier turns).</summary>
    public double SmoothingSeconds { get; init; } = 1.5;
}

/// <summary>One speaker's stretch of speech, seconds from the start; speakers are numbered from 0 in order of first speech.</summary>
public sealed record SpeakerTurn(double Start, double End, int Speaker);
