using System.Collections.Concurrent;
using EmoStream.Dashboard.Hubs;
using EmoStream.Sessions;
using EmoStream.Sessions.Storage;
using Microsoft.AspNetCore.SignalR.Client;

namespace EmoStream.Dashboard.Tests.Support;

/// <summary>What one SignalR viewer received, in arrival order, and a task that completes on the session's end.</summary>
internal sealed class ViewerLog
{
    private readonly ConcurrentQueue<UtteranceRecord> _utterances = new();
    private readonly TaskCompletionSource<SessionRecord> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ViewerLog(HubConnection connection)
    {
        connection.On<UtteranceRecord>(SessionEvents.Utterance, u => _utterances.Enqueue(u));
        connection.On<SessionRecord>(SessionEvents.SessionEnded, s => _ended.TrySetResult(s));
    }

    /// <summary>Starts the viewer's connection and joins the session from its first result, logging what arrives.</summary>
    public static async Task<ViewerLog> JoinAsync(HubConnection viewer, string sessionId)
    {
        var log = new ViewerLog(viewer);
        await viewer.StartAsync();
        await viewer.InvokeAsync("JoinSession", sessionId, 0);
        return log;
    }

    public IReadOnlyList<UtteranceRecord> Utterances => _utterances.ToArray();

    public Task<SessionRecord> Ended => _ended.Task;

    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (_utterances.Count < count && !_ended.Task.IsCompleted) await Task.Delay(20, cts.Token);
    }

    /// <summary>Equal to what is stored, field by field (the dictionaries by content).</summary>
    public static void AssertSame(IReadOnlyList<UtteranceRecord> expected, IReadOnlyList<UtteranceRecord> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal(e with { Probabilities = a.Probabilities, Weights = a.Weights }, a);
            Assert.Equal(e.Probabilities, a.Probabilities);
            Assert.Equal(e.Weights, a.Weights);
        }
    }
}
