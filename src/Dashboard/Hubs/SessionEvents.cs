namespace EmoStream.Dashboard.Hubs;

/// <summary>The SignalR methods a dashboard receives on <c>/hubs/sessions</c>.</summary>
public static class SessionEvents
{
    /// <summary>One <see cref="Storage.UtteranceRecord"/>, as stored, in index order.</summary>
    public const string Utterance = "Utterance";

    /// <summary>The session's final <see cref="Storage.SessionRecord"/>; no result follows it (corrections may).</summary>
    public const string SessionEnded = "SessionEnded";

    /// <summary>A <see cref="Storage.CorrectionRecord"/> a person just stored: the utterance's correction in force now.</summary>
    public const string UtteranceCorrected = "UtteranceCorrected";

    /// <summary>A <see cref="SessionSummary"/> for watchers of the session list (<c>WatchSessions</c>).</summary>
    public const string SessionUpdated = "SessionUpdated";

    /// <summary>The id of a deleted session, for watchers of the session list.</summary>
    public const string SessionDeleted = "SessionDeleted";

    /// <summary>A running session's <see cref="Storage.SessionRecord"/>, for watchers of the wallboard (<c>WatchWallboard</c>).</summary>
    public const string WallboardStarted = "WallboardStarted";

    /// <summary>A <see cref="TileUtterance"/> of any running session, for watchers of the wallboard.</summary>
    public const string WallboardUtterance = "WallboardUtterance";

    /// <summary>A session's final <see cref="Storage.SessionRecord"/>, for watchers of the wallboard.</summary>
    public const string WallboardEnded = "WallboardEnded";

    /// <summary>The group of connections watching the wallboard.</summary>
    public const string WallboardGroup = "wallboard";

    /// <summary>The group of connections watching the session list.</summary>
    public const string ListGroup = "sessions";

    public static string Group(string sessionId) => "session:" + sessionId;
}
