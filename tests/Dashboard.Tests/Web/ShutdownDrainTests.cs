using System.Net.WebSockets;
using EmoStream.Capture.Audio;
using EmoStream.Sessions.Storage;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.Sessions.Tests.Support;
using EmoStream.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace EmoStream.Dashboard.Tests.Web;

/// <summary>
/// A server shutting down while a session runs: capture stops, what was captured is stored, viewers receive every
/// stored result and the session's end before SignalR closes, and a viewer that comes back later gets it all from storage.
/// </summary>
public sealed class ShutdownDrainTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-drain-web-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Viewers_receive_every_result_stored_while_draining_and_the_end_before_the_connection_closes()
    {
        var file = Conversations.Write(_dir, "long.wav", turns: 6, pauseSeconds: 0.6);
        var data = (Key: "Storage:DataDirectory", Value: Path.Combine(_dir, "data"));
        string id;
        IReadOnlyList<UtteranceRecord> seen;
        await using (var server = await DashboardServer.StartAsync(settings: data))
        {
            id = await server.UploadSessionAsync(file, "realtime");
            await using var viewer = server.Viewer();
            var log = new ViewerLog(viewer);
            var closed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            // Whether the end had arrived when the connection closed: the close must come after it.
            viewer.Closed += _ =>
            {
                closed.TrySetResult(log.Ended.IsCompleted);
                return Task.CompletedTask;
            };
            await viewer.StartAsync();
            await viewer.InvokeAsync("JoinSession", id, 0);
            await log.WaitForAsync(1, Timeout);

            await server.StopAsync();

            // Capture stopped and everything captured was stored before the host returned.
            var session = await server.Store.GetSessionAsync(id);
            Assert.Equal(SessionStatus.Stopped, session!.Status);
            Assert.Contains("stopped", session.Detail);
            Assert.True(await closed.Task.WaitAsync(Timeout), "the connection closed before the session's end reached the viewer");
            Assert.Equal(SessionStatus.Stopped, (await log.Ended.WaitAsync(Timeout)).Status);
            seen = log.Utterances;
            ViewerLog.AssertSame(await server.Store.GetUtterancesAsync(id), seen);
            Assert.NotEmpty(seen);
        }

        // The server comes back on the same data folder: a viewer that reconnects gets the whole session from storage.
        await using var restarted = await DashboardServer.StartAsync(settings: data);
        await using var returning = restarted.Viewer();
        var returned = await ViewerLog.JoinAsync(returning, id);
        Assert.Equal(SessionStatus.Stopped, (await returned.Ended.WaitAsync(Timeout)).Status);
        ViewerLog.AssertSame(seen, returned.Utterances);
    }

    [Fact]
    public async Task Utterances_captured_before_the_shutdown_are_stored_during_the_drain_and_reach_the_viewer()
    {
        var samples = AudioFileReader.Default.Read16kMono(Conversations.Write(_dir, "mic.wav", turns: 6, pauseSeconds: 0.8));
        // One PocketSphinx decoder: the captured utterances queue for transcription, so most are stored during the drain.
        await using var server = await DashboardServer.StartAsync(settings:
            [("Transcription:Engine", "pocketsphinx"), ("Transcription:MaxConcurrentDecoders", "1")]);
        var id = await server.CreateLiveSessionAsync(new { format = "pcm16", sampleRate = 16000, speakers = new[] { "caller" } });
        await using var viewer = server.Viewer();
        var log = await ViewerLog.JoinAsync(viewer, id);

        // The whole conversation arrives at once and the stream stays open: capture has it all, storage has little.
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.Ingest(id), CancellationToken.None);
        await socket.SendAsync(DashboardServer.Pcm16(samples), WebSocketMessageType.Binary, true, CancellationToken.None);
        await log.WaitForAsync(1, Timeout);
        var storedBefore = (await server.Store.GetUtterancesAsync(id)).Count;

        await server.StopAsync();

        var stored = await server.Store.GetUtterancesAsync(id);
        Assert.True(stored.Count > storedBefore, $"{storedBefore} stored when the shutdown began, {stored.Count} after it: nothing was drained");
        Assert.Equal(SessionStatus.Stopped, (await log.Ended.WaitAsync(Timeout)).Status);
        ViewerLog.AssertSame(stored, log.Utterances);
    }
}
