namespace EmoStream.Sessions.Metrics;

/// <summary>
/// Talk metrics of one call, for the whole call and per speaker (docs/API.md#call-metrics defines each one). Times are
/// seconds on the session's clock; shares are fractions.
/// </summary>
/// <param name="Duration">From the session clock's 0 to the end of the last utterance.</param>
/// <param name="TalkTime">Time during which at least one speaker speaks.</param>
/// <param name="SilenceShare">1 − <see cref="TalkTime"/> / <see cref="Duration"/>; 0 for a call without speech.</param>
/// <param name="SeparateChannels">True when the speakers came on channels of their own, so they can overlap; overlap and interruption figures are null otherwise.</param>
/// <param name="OverlapTime">Time during which two or more speakers speak at once.</param>
/// <param name="Interruptions">Utterances that began while another speaker's utterance was under way.</param>
/// <param name="Words">Words in the transcripts.</param>
/// <param name="WordsPerMinute">Words over the minutes of the utterances that have text; null when none has.</param>
/// <param name="EmotionShare">Each emotion's share of the talk time of all utterances (by duration).</param>
/// <param name="LongestNegativeRun">The longest of the speakers' negative runs; null when nobody had a negative emotion.</param>
public sealed record CallMetrics(
    double Duration,
    double TalkTime,
    double SilenceShare,
    bool SeparateChannels,
    double? OverlapTime,
    int? Interruptions,
    int Words,
    double? WordsPerMinute,
    IReadOnlyDictionary<string, double> EmotionShare,
    IReadOnlyList<string> NegativeEmotions,
    NegativeRun? LongestNegativeRun,
    IReadOnlyList<SpeakerMetrics> Speakers);

/// <summary>One speaker's share of the call (the same definitions, restricted to their utterances).</summary>
/// <param name="TalkShare">Their talk time over the call's talk time.</param>
/// <param name="SilenceShare">1 − their talk time / the call's duration: the part of the call they were silent.</param>
/// <param name="OverlapTime">Their talk time during which someone else spoke too.</param>
/// <param name="Interruptions">Their utterances that began while another speaker's was under way.</param>
/// <param name="Interrupted">Their utterances that another speaker's utterance began inside.</param>
public sealed record SpeakerMetrics(
    string Speaker,
    int Utterances,
    double TalkTime,
    double TalkShare,
    double SilenceShare,
    double? OverlapTime,
    int? Interruptions,
    int? Interrupted,
    int Words,
    double? WordsPerMinute,
    IReadOnlyDictionary<string, double> EmotionShare,
    NegativeRun? LongestNegativeRun);

/// <summary>
/// A speaker's consecutive utterances (other speakers' turns in between do not break it, as for alerts) each classified
/// as a negative emotion: <see cref="Utterances"/> long, from the start of the first to the end of the last.
/// </summary>
public sealed record NegativeRun(string Speaker, int Utterances, double Seconds, int FromIndex, int ToIndex, double Start, double End);
