namespace EmoStream.Sessions.Storage;

public enum SessionStatus
{
    Running,

    /// <summary>The audio ended and every utterance was stored.</summary>
    Completed,

    /// <summary>Stopped on request; every utterance captured before the stop was stored.</summary>
    Stopped,

    /// <summary>Ended by an error (see <see cref="SessionRecord.Detail"/>); what was stored before it stays.</summary>
    Failed,
}
