using System.Collections.Concurrent;
using EmoStream.Sessions.Pipeline;
using EmoStream.Sessions.Storage;

namespace EmoStream.Sessions.Tests.Support;

/// <summary>An observer of a registry's sessions, as a viewer or the <c>replay</c> verb is: what each session published, in order.</summary>
internal sealed class SessionCollector(Func<RunningSession, UtteranceRecord, Task>? onUtterance = null) : ISessionObserver
{
    private readonly ConcurrentDictionary<string, List<UtteranceRecord>> _results = new();
    private readonly ConcurrentDictionary<string, SessionOutcome> _ended = new();

    public Task StartedAsync(RunningSession session)
    {
        _results.TryAdd(session.Id, []);
        return Task.CompletedTask;
    }

    public async Task UtteranceAsync(RunningSession session, UtteranceRecord utterance)
    {
        var list = _results.GetOrAdd(session.Id, _ => []);
        lock (list) list.Add(utterance);
        if (onUtterance is not null) await onUtterance(session, utterance);
    }

    public Task EndedAsync(RunningSession session, SessionOutcome outcome)
    {
        _ended[session.Id] = outcome;
        return Task.CompletedTask;
    }

    /// <summary>What the session published, once its observers heard its end.</summary>
    public async Task<List<UtteranceRecord>> DrainAsync(RunningSession session)
    {
        await session.Completion;
        Assert.True(_ended.ContainsKey(session.Id), $"session {session.Id} ended without telling its observers");
        return Published(session.Id);
    }

    public List<UtteranceRecord> Published(string id)
    {
        var list = _results.GetOrAdd(id, _ => []);
        lock (list) return [.. list];
    }
}
