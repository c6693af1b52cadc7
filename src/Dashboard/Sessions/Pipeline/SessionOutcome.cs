using EmoStream.Dashboard.Storage;

namespace EmoStream.Dashboard.Pipeline;

/// <summary>How a session's pipeline ended, as also stored with the session.</summary>
public sealed record SessionOutcome(SessionStatus Status, int Utterances, string? Detail);
