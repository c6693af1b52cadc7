using EmoStream.Dashboard.Storage;

namespace EmoStream.Dashboard.Api;

/// <summary>A session with its stored utterances (<c>GET /api/sessions/{id}</c>).</summary>
public sealed record SessionDetail(SessionRecord Session, IReadOnlyList<UtteranceRecord> Utterances);
