namespace EmoStream.Transcribe;

/// <summary>One timed piece of a transcript a user already has (from a telephony platform, a human, or a corpus).</summary>
/// <param name="Speaker">The speaker (channel name) it belongs to; null matches any speaker (a mono recording).</param>
/// <param name="Start">Seconds from the start of the recording.</param>
/// <param name="End">Seconds from the start of the recording.</param>
public sealed record TranscriptSegment(string? Speaker, double Start, double End, string Text);

/// <summary>
/// Transcripts given with the audio instead of recognised from it: an utterance's text is the text of every segment of
/// its speaker that lies mostly inside it (more than half of the segment's time), in order. What a perfect ASR would say.
/// </summary>
public sealed class GivenTranscripts(IReadOnlyList<TranscriptSegment> segments)
{
    public const string EngineName = "given";

    public IReadOnlyList<TranscriptSegment> Segments { get; } = segments;

    public Transcript Lookup(string speaker, TimeSpan start, TimeSpan end)
    {
        var from = start.TotalSeconds;
        var to = end.TotalSeconds;
        var words = Segments
            .Where(s => s.Speaker is null || s.Speaker == speaker)
            .Where(s => Math.Min(s.End, to) - Math.Max(s.Start, from) > (s.End - s.Start) / 2)
            .OrderBy(s => s.Start)
            .Select(s => s.Text.Trim())
            .Where(t => t.Length > 0)
            .ToArray();
        var text = string.Join(' ', words);
        return new Transcript(text, EngineName, text.Length > 0 ? 1 : 0, end - start, TimeSpan.Zero,
            text.Length > 0 ? TranscriptStatus.Recognized : TranscriptStatus.NoSpeech, text.Length > 0 ? null : "no given transcript for this utterance");
    }
}
