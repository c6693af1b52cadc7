using EmoStream.Sessions.Alerts;
using EmoStream.Sessions.Storage;

namespace EmoStream.Dashboard.Api;

/// <summary>A session with its stored utterances and its alerts as they stand (<c>GET /api/sessions/{id}</c>).</summary>
public sealed record SessionDetail(SessionRecord Session, IReadOnlyList<UtteranceRecord> Utterances, IReadOnlyList<AlertRecord> Alerts);
