using System.Collections.Concurrent;
using EmoStream.Dashboard.Hubs;
using EmoStream.Sessions;
using EmoStream.Sessions.Storage;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.Sessions.Tests.Support;
using EmoStream.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace EmoStream.Dashboard.Tests.Web;

/// <summary><c>WatchSessions</c>: the session list with counts, then an update for each start, stored result and end.</summary>
public sealed class SessionListFeedTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-list-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_watcher_gets_the_list_with_counts_then_every_change_of_a_new_session_up_to_its_end()
    {
        await using var server = await DashboardServer.StartAsync();
        var earlier = await server.UploadSessionAsync(Conversations.Write(_dir, "earlier.wav", turns: 2), "fast");
        await server.EndedAsync(earlier, Timeout);
        var earlierCount = (await server.GetAsync(earlier)).Utterances.Count;

        await using var watcher = server.Viewer();
        var updates = new ConcurrentQueue<SessionSummary>();
        var ended = new TaskCompletionSource<SessionSummary>(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.On<SessionSummary>(SessionEvents.SessionUpdated, s =>
        {
            updates.Enqueue(s);
            if (s.Session.Status != SessionStatus.Running) ended.TrySetResult(s);
        });
        await watcher.StartAsync();
        var snapshot = await watcher.InvokeAsync<SessionSummary[]>("WatchSessions");
        var listed = Assert.Single(snapshot);
        Assert.Equal((earlier, SessionStatus.Completed, earlierCount), (listed.Session.Id, listed.Session.Status, listed.Utterances));
        Assert.True(earlierCount > 0);

        var id = await server.UploadSessionAsync(Conversations.Write(_dir, "later.wav", turns: 4), "fast");
        var last = await ended.Task.WaitAsync(Timeout);
        var stored = (await server.GetAsync(id)).Utterances.Count;

        var seen = updates.ToArray();
        Assert.All(seen, s => Assert.Equal(id, s.Session.Id));
        Assert.Equal((SessionStatus.Running, 0), (seen[0].Session.Status, seen[0].Utterances));
        // One update per stored result, counting up, then the end with the stored count and record.
        Assert.Equal(Enumerable.Range(0, stored + 1), seen[..^1].Select(s => s.Utterances));
        Assert.Equal(SessionStatus.Completed, last.Session.Status);
        Assert.Equal(stored, last.Utterances);
        var record = (await server.Store.GetSessionAsync(id))!;
        Assert.Equal(record, last.Session with { Speakers = record.Speakers });

        // Deleting tells watchers which one went.
        var deleted = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.On<string>(SessionEvents.SessionDeleted, d => deleted.TrySetResult(d));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await server.Http.DeleteAsync($"/api/sessions/{earlier}")).StatusCode);
        Assert.Equal(earlier, await deleted.Task.WaitAsync(Timeout));

        // Unwatching stops the updates.
        await watcher.InvokeAsync("UnwatchSessions");
        var count = updates.Count;
        await server.EndedAsync(await server.UploadSessionAsync(Conversations.Write(_dir, "unwatched.wav", turns: 2), "fast"), Timeout);
        await Task.Delay(200);
        Assert.Equal(count, updates.Count);
    }
}
