namespace EmoStream.Sessions.Storage;

/// <summary>Where a session's audio comes from.</summary>
public enum SessionKind
{
    /// <summary>A recording run through the pipeline (<c>emostream replay</c>, an upload).</summary>
    Replay,

    /// <summary>A live stream: a microphone, a browser or a telephony connection.</summary>
    Live,
}
