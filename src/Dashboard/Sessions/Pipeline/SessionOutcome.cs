using EmoStream.Sessions.Storage;

namespace EmoStream.Sessions.Pipeline;

/// <summary>How a session's pipeline ended, as also stored with the session.</summary>
/// <param name="Session">The session as stored at its end (status, end time, detail).</param>
public sealed record SessionOutcome(SessionStatus Status, int Utterances, string? Detail, SessionRecord Session);
