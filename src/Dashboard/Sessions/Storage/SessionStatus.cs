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

    /// <summary>
    /// Its process ended without recording the session's end (killed, crashed); marked so by the next process of the
    /// same machine to start, or, in a cluster, by a surviving node once the process's node key expired. What was
    /// stored before stays.
    /// </summary>
    Interrupted,
}
