using EmoStream.Sessions.Pipeline;
using EmoStream.Sessions.Storage;

namespace EmoStream.Sessions;

/// <summary>
/// Hears what every running session of a <see cref="SessionRegistry"/> does, in order: its start, each result once
/// stored (with the alert it raised, extended or ended), then its end. Calls for one session never overlap and run
/// under its <see cref="RunningSession.ExclusiveAsync{T}"/> gate; a failing observer is logged and does not stop the session.
/// </summary>
public interface ISessionObserver
{
    /// <summary>The session can be joined and stopped.</summary>
    Task StartedAsync(RunningSession session);

    Task UtteranceAsync(RunningSession session, UtteranceRecord utterance);

    /// <summary>Nothing follows; <paramref name="outcome"/> holds the session as stored at its end.</summary>
    Task EndedAsync(RunningSession session, SessionOutcome outcome);
}
