using EmoStream.Sessions.Alerts;
using EmoStream.Sessions.Metrics;
using EmoStream.Sessions.Storage;

namespace EmoStream.Dashboard.Api;

/// <summary>A session with its stored utterances, its alerts as they stand and its call metrics so far (<c>GET /api/sessions/{id}</c>).</summary>
public sealed record SessionDetail(SessionRecord Session, IReadOnlyList<UtteranceRecord> Utterances, IReadOnlyList<AlertRecord> Alerts, CallMetrics Metrics);
