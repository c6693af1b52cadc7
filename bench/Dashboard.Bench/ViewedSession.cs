using EmoStream.Sessions.Storage;

namespace EmoStream.Dashboard.Bench;

/// <summary>What one SignalR viewer of a real-time replay received.</summary>
/// <param name="Session">The session's end as broadcast.</param>
/// <param name="Results">Each result in arrival order.</param>
/// <param name="EndedAt">When the session's end arrived, in seconds on the recording's clock.</param>
internal sealed record ViewedSession(SessionRecord Session, IReadOnlyList<ReceivedResult> Results, double EndedAt);
