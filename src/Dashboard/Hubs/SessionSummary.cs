using EmoStream.Sessions.Storage;

namespace EmoStream.Dashboard.Hubs;

/// <summary>A session as the session list shows it: its record and how many utterances it has stored so far.</summary>
public sealed record SessionSummary(SessionRecord Session, int Utterances);
