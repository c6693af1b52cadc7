namespace EmoStream.Transcribe;

/// <summary>One timed piece of a transcript a user already has (from a telephony platform, a human, or a corpus).</summary>
/// <param name="Speaker">The speaker (channel name) it belongs to; null matches any speaker (a mono recording).</param>
/// <param name="Start">Seconds from the start of the recording.</param>
/// <param name="End">Seconds from the start of the recording.</param>
public sealed record TranscriptSegment(string? Speaker, double Start, double End, string Text);

/// <summary>
/// Transcripts given with the audio instead of recognised from it (engine <c>transcript</c>): an utterance's text is
/// the text of every segment of its speaker that it overlaps for more than half of the segment's time, or for more than
/// half of its own (a long cue the segmenter cut in parts gives its text to each), in order. A file's segments are all
/// there at once; an external recogniser's arrive while the session runs (<see cref="Open"/>, <see cref="Add"/>), and an
/// utterance then waits, at most a bounded time, until the text has reached its end.
/// </summary>
public sealed class GivenTranscripts
{
    public const string EngineName = "transcript";

    private readonly List<TranscriptSegment> _segments;
    private readonly Lock _gate = new();
    private readonly TimeSpan _lateTextWait;
    private TaskCompletionSource _changed = NewSignal();
    private bool _complete;

    /// <summary>A complete transcript (a file, a corpus): nothing more will come.</summary>
    public GivenTranscripts(IReadOnlyList<TranscriptSegment> segments)
    {
        _segments = [.. segments];
        _complete = true;
    }

    private GivenTranscripts(TimeSpan lateTextWait, IReadOnlyList<string> speakers)
    {
        _segments = [];
        _lateTextWait = lateTextWait;
        _speakers = speakers;
    }

    private readonly IReadOnlyList<string> _speakers = [];

    /// <summary>A transcript that arrives while the session runs; each utterance waits at most <paramref name="lateTextWait"/> for its text.</summary>
    /// <param name="speakers">The session's speakers, to check each segment's against (see <see cref="For"/>).</param>
    public static GivenTranscripts Open(TimeSpan lateTextWait, IReadOnlyList<string> speakers) => new(lateTextWait, speakers);

    public IReadOnlyList<TranscriptSegment> Segments
    {
        get
        {
            lock (_gate) return [.. _segments];
        }
    }

    /// <summary>
    /// Checks the segments' speakers against the session's: with one speaker (a mixed recording) every segment is that
    /// speaker's whatever it names; with one per channel a segment must name one of them, or none (any speaker).
    /// </summary>
    /// <exception cref="TranscriptFormatException">A segment names a speaker the session does not have.</exception>
    public static GivenTranscripts For(IReadOnlyList<TranscriptSegment> segments, IReadOnlyList<string> speakers, string source) =>
        new(segments.Select((s, i) => Attribute(s, speakers, $"{source}: cue {i + 1}")).ToArray());

    private static TranscriptSegment Attribute(TranscriptSegment segment, IReadOnlyList<string> speakers, string where)
    {
        if (speakers.Count <= 1) return segment with { Speaker = null };
        if (segment.Speaker is { } named && !speakers.Contains(named, StringComparer.Ordinal))
            throw new TranscriptFormatException($"{where} ({segment.Start:F2}-{segment.End:F2} s) is spoken by '{named}', " +
                $"but the session's speakers are {string.Join(", ", speakers)}");
        return segment;
    }

    /// <summary>Adds a segment of a transcript that arrives while the session runs.</summary>
    /// <param name="where">Names the segment in an error (for instance the message's number).</param>
    /// <exception cref="TranscriptFormatException">The segment names a speaker the session does not have.</exception>
    public void Add(TranscriptSegment segment, string where = "a transcript segment")
    {
        segment = Attribute(segment, _speakers, where);
        TaskCompletionSource changed;
        lock (_gate)
        {
            _segments.Add(segment);
            changed = _changed;
            _changed = NewSignal();
        }
        changed.TrySetResult();
    }

    /// <summary>No more text will come (the sender closed): utterances stop waiting.</summary>
    public void Complete()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _complete = true;
            changed = _changed;
        }
        changed.TrySetResult();
    }

    public Transcript Lookup(string speaker, TimeSpan start, TimeSpan end)
    {
        var from = start.TotalSeconds;
        var to = end.TotalSeconds;
        string[] words;
        lock (_gate)
        {
            words = _segments
                .Where(s => s.Speaker is null || s.Speaker == speaker)
                .Where(s => Overlap(s, from, to) is var overlap && (overlap > (s.End - s.Start) / 2 || overlap > (to - from) / 2))
                .OrderBy(s => s.Start)
                .Select(s => s.Text.Trim())
                .Where(t => t.Length > 0)
                .ToArray();
        }
        var text = string.Join(' ', words);
        return new Transcript(text, EngineName, text.Length > 0 ? 1 : 0, end - start, TimeSpan.Zero,
            text.Length > 0 ? TranscriptStatus.Recognized : TranscriptStatus.NoSpeech, text.Length > 0 ? null : "no given transcript for this utterance");
    }

    /// <summary>
    /// The same once the transcript has reached the utterance's end (a segment of its speaker ending there or later),
    /// the transcript is complete, or the late-text wait ran out, whichever comes first.
    /// </summary>
    public async Task<Transcript> LookupAsync(string speaker, TimeSpan start, TimeSpan end, TimeProvider time, CancellationToken cancellationToken)
    {
        using var waited = new CancellationTokenSource(_lateTextWait, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(waited.Token, cancellationToken);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_complete || waited.IsCancellationRequested
                    || _segments.Any(s => (s.Speaker is null || s.Speaker == speaker) && s.End >= end.TotalSeconds))
                    break;
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(either.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The wait ran out: the utterance takes what has come.
            }
        }
        return Lookup(speaker, start, end);
    }

    private static double Overlap(TranscriptSegment s, double from, double to) => Math.Min(s.End, to) - Math.Max(s.Start, from);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
