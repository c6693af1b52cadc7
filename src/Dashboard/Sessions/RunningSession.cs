using System.Threading.Channels;
using EmoStream.Capture.Network;
using EmoStream.Sessions.Pipeline;
using EmoStream.Sessions.Storage;
using EmoStream.Transcribe;

namespace EmoStream.Sessions;

/// <summary>
/// A session whose pipeline runs in this process, as the <see cref="SessionRegistry"/> keeps it: its pipeline, where
/// a live session's audio goes in, and how far its results have reached the observers.
/// </summary>
public sealed class RunningSession
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _ingestClaimed;

    internal RunningSession(SessionPipeline pipeline, ChannelWriter<NetworkMessage>? ingest, GivenTranscripts? transcript)
    {
        Pipeline = pipeline;
        Ingest = ingest;
        Transcript = transcript;
    }

    public SessionPipeline Pipeline { get; }

    public string Id => Pipeline.Id;

    /// <summary>The session as recorded when it started.</summary>
    public SessionRecord Session => Pipeline.Session;

    /// <summary>Where an ingest connection hands its messages; null for a replay.</summary>
    public ChannelWriter<NetworkMessage>? Ingest { get; }

    /// <summary>The session's given transcript (a file's, or an external recogniser's still arriving); null when the transcriber listens.</summary>
    public GivenTranscripts? Transcript { get; }

    /// <summary>Index of the last result handed to the observers (read it under <see cref="ExclusiveAsync{T}"/>); -1 before the first.</summary>
    public int LastPublished { get; internal set; } = -1;

    /// <summary>Set once the observers heard the end (read it under <see cref="ExclusiveAsync{T}"/>).</summary>
    public bool Ended { get; internal set; }

    /// <summary>Completes when every result and the end reached the observers and the session left the registry.</summary>
    public Task Completion { get; internal set; } = Task.CompletedTask;

    /// <summary>True for the first ingest connection only: a live session has one audio stream.</summary>
    public bool TryClaimIngest() => Ingest is not null && Interlocked.Exchange(ref _ingestClaimed, 1) == 0;

    /// <summary>
    /// Runs <paramref name="action"/> while no result or end reaches the observers, so a viewer can catch up from
    /// storage (up to <see cref="LastPublished"/>) and then join the live flow without a gap or a repeat.
    /// </summary>
    public async Task<T> ExclusiveAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await action().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
