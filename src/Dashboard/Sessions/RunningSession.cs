using System.Threading.Channels;
using EmoStream.Capture.Network;
using EmoStream.Dashboard.Pipeline;

namespace EmoStream.Dashboard.Sessions;

/// <summary>
/// A session whose pipeline runs in this process, with what its broadcaster and viewers share: a gate that orders
/// a joining viewer's catch-up against live sends, and the index of the last result sent to the group.
/// </summary>
public sealed class RunningSession
{
    internal RunningSession(SessionPipeline pipeline, ChannelWriter<NetworkMessage>? ingest)
    {
        Pipeline = pipeline;
        Ingest = ingest;
    }

    public SessionPipeline Pipeline { get; }

    public string Id => Pipeline.Id;

    /// <summary>Where an ingest connection hands its messages; null for a replay.</summary>
    internal ChannelWriter<NetworkMessage>? Ingest { get; }

    internal SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Index of the last result sent to the group (under <see cref="Gate"/>); -1 before the first.</summary>
    internal int LastSent { get; set; } = -1;

    /// <summary>Set under <see cref="Gate"/> once the end was sent to the group.</summary>
    internal bool Ended { get; set; }

    /// <summary>Completes when every result and the end were sent to the group.</summary>
    internal Task Broadcast { get; set; } = Task.CompletedTask;

    private int _ingestClaimed;

    /// <summary>True for the first ingest connection only: a live session has one audio stream.</summary>
    internal bool TryClaimIngest() => Ingest is not null && Interlocked.Exchange(ref _ingestClaimed, 1) == 0;
}
