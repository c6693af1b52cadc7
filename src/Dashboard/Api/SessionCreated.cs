using EmoStream.Sessions.Storage;

namespace EmoStream.Dashboard.Api;

/// <summary>Answer to creating a session: the record, and for a live one where to stream its audio.</summary>
public sealed record SessionCreated(SessionRecord Session, string? Ingest);
