using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using EmoStream.Capture.Tests.Support;
using EmoStream.Dashboard.Api;
using EmoStream.Sessions.Storage;
using EmoStream.Dashboard.Tests.Support;

namespace EmoStream.Dashboard.Tests.Faults;

/// <summary>
/// The fault suite: the real server process killed with -9 and restarted, stopped with SIGTERM while sessions stream,
/// started with a corrupted model, and run on a full disk (a size-limited tmpfs in a mount namespace; skipped, saying
/// why, where the machine has none).
/// </summary>
public sealed class ProcessFaultTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-faults-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Data => Path.Combine(_dir, "data");

    private static byte[] Tone(double seconds) =>
        WavWriter.Encode([Enumerable.Range(0, (int)(seconds * 16000)).Select(i => 0.05f * MathF.Sin(i * 0.05f)).ToArray()], 16000, WavEncoding.Int16);

    private static async Task<string> UploadAsync(HttpClient http, byte[] wav, string pacing)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(wav), "file", "call.wav" }, { new StringContent(pacing), "pacing" } };
        using var response = await http.PostAsync("/api/sessions/replay", form);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SessionCreated>(DashboardServer.Json))!.Session.Id;
    }

    private static async Task<string> CreateLiveAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("/api/sessions", new { format = "pcm16", sampleRate = 16000 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SessionCreated>(DashboardServer.Json))!.Session.Id;
    }

    private static async Task<SessionRecord> SessionAsync(HttpClient http, string id) =>
        (await http.GetFromJsonAsync<SessionDetail>($"/api/sessions/{id}", DashboardServer.Json))!.Session;

    [Fact]
    public async Task After_kill_9_a_restart_keeps_everything_stored_marks_the_sessions_interrupted_and_removes_their_uploads()
    {
        var conversation = await File.ReadAllBytesAsync(Path.Combine(DashboardServer.RepoRoot(), ".cache", "demo", "conversation.wav"));
        string live, replay, finished;
        int finishedCount, replayCountBefore;
        await using (var first = await ServerProcess.ServeAsync(Data))
        {
            using var http = new HttpClient { BaseAddress = first.Address };
            finished = await UploadAsync(http, conversation, "fast");
            await WaitAsync(async () => (await SessionAsync(http, finished)).Status != SessionStatus.Running);
            finishedCount = await CountAsync(http, finished);
            Assert.True(finishedCount > 0);
            live = await CreateLiveAsync(http);
            replay = await UploadAsync(http, conversation, "realtime");
            await WaitAsync(async () => await CountAsync(http, replay) > 0); // killed in the middle of a stored conversation
            replayCountBefore = await CountAsync(http, replay);
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(Data, "uploads"), "*", SearchOption.AllDirectories));
            first.Signal("KILL");
            Assert.Equal(137, await first.ExitCodeAsync(Timeout));
        }

        await using var second = await ServerProcess.ServeAsync(Data);
        using var again = new HttpClient { BaseAddress = second.Address };
        foreach (var id in new[] { live, replay })
        {
            var session = await SessionAsync(again, id);
            Assert.Equal(SessionStatus.Interrupted, session.Status);
            Assert.Contains("ended before the session did", session.Detail);
            Assert.NotNull(session.EndedUtc);
        }
        Assert.Equal(SessionStatus.Completed, (await SessionAsync(again, finished)).Status);
        Assert.Equal(finishedCount, await CountAsync(again, finished));
        Assert.True(await CountAsync(again, replay) >= replayCountBefore, "a stored utterance was lost");
        Assert.Empty(Directory.GetFiles(Path.Combine(Data, "uploads"), "*", SearchOption.AllDirectories));
        // Stop on an interrupted session says so, as for any session that is not running.
        using var stop = await again.PostAsync($"/api/sessions/{live}/stop", null);
        Assert.Equal(HttpStatusCode.Conflict, stop.StatusCode);
    }

    [Fact]
    public async Task A_session_whose_end_storage_refused_is_recorded_failed_with_its_reason_at_the_next_start()
    {
        var database = $"Data Source={Path.Combine(Data, "emostream.db")};Pooling=False";
        string id;
        await using (var first = await ServerProcess.ServeAsync(Data))
        {
            using var http = new HttpClient { BaseAddress = first.Address };
            id = await CreateLiveAsync(http);
            // Storage refuses every change to the sessions table from now on (as a full or read-only disk would).
            await ExecuteAsync(database, "CREATE TRIGGER storage_down BEFORE UPDATE ON sessions BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;");
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{first.Address.Port}/api/sessions/{id}/ingest"), CancellationToken.None);
            await socket.SendAsync(new byte[3], WebSocketMessageType.Binary, true, CancellationToken.None);
            var buffer = new byte[256];
            while ((await socket.ReceiveAsync(buffer, new CancellationTokenSource(Timeout).Token)).MessageType != WebSocketMessageType.Close) { }
            Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, socket.CloseStatus); // the session failed ...
            Assert.Equal(SessionStatus.Running, (await SessionAsync(http, id)).Status); // ... and storage could not record it
            first.Signal("KILL");
            await first.ExitCodeAsync(Timeout);
        }
        await ExecuteAsync(database, "DROP TRIGGER storage_down;");

        await using var second = await ServerProcess.ServeAsync(Data);
        using var again = new HttpClient { BaseAddress = second.Address };
        var session = await SessionAsync(again, id);
        Assert.Equal(SessionStatus.Failed, session.Status);
        Assert.Contains("3 bytes is not a whole number", session.Detail);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> CountAsync(HttpClient http, string id) =>
        (await http.GetFromJsonAsync<SessionDetail>($"/api/sessions/{id}", DashboardServer.Json))!.Utterances.Count;

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (!await condition()) await Task.Delay(100, cts.Token);
    }

    [Fact]
    public async Task SIGTERM_under_load_stops_every_streaming_session_cleanly_and_exits_0()
    {
        await using var server = await ServerProcess.ServeAsync(Data);
        using var http = new HttpClient { BaseAddress = server.Address };
        var ids = new List<string>();
        var sockets = new List<ClientWebSocket>();
        using var streaming = new CancellationTokenSource();
        var senders = new List<Task>();
        for (var i = 0; i < 4; i++)
        {
            var id = await CreateLiveAsync(http);
            ids.Add(id);
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Address.Port}/api/sessions/{id}/ingest"), CancellationToken.None);
            sockets.Add(socket);
            senders.Add(Task.Run(async () =>
            {
                var chunk = new byte[3200]; // 100 ms
                try
                {
                    while (!streaming.IsCancellationRequested)
                    {
                        await socket.SendAsync(chunk, WebSocketMessageType.Binary, true, CancellationToken.None);
                        await Task.Delay(100);
                    }
                }
                catch (WebSocketException)
                {
                    // the server closed it on shutdown
                }
            }));
        }
        for (var i = 0; i < 5; i++) ids.Add(await UploadAsync(http, Tone(60), "realtime"));
        await Task.Delay(1000); // let audio flow

        server.Signal("TERM");
        Assert.Equal(0, await server.ExitCodeAsync(Timeout));
        await streaming.CancelAsync();
        await Task.WhenAll(senders);
        foreach (var socket in sockets) socket.Dispose();

        var check = await SqliteSessionStore.OpenAsync(Path.Combine(Data, "emostream.db"));
        foreach (var id in ids)
            Assert.Equal(SessionStatus.Stopped, (await check.GetSessionAsync(id))!.Status);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.DoesNotContain("Unhandled", server.Stderr);
    }

    [Fact]
    public async Task A_corrupted_model_is_refused_at_start_naming_the_file()
    {
        var model = Path.Combine(_dir, "flipped.emsm");
        var bytes = await File.ReadAllBytesAsync(Path.Combine(DashboardServer.RepoRoot(), "models", "default.emsm"));
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(model, bytes);
        await using var serve = ServerProcess.Run(Data, ["serve", "--urls", "http://127.0.0.1:0", "--model", model]);
        Assert.Equal(EmoStream.Dashboard.Cli.ExitCodes.UserError, await serve.ExitCodeAsync(Timeout));
        Assert.Contains($"{model}: the file is corrupt", serve.Stderr);
        Assert.DoesNotContain("   at ", serve.Stderr);
    }

    [SkippableFact]
    public async Task On_a_full_disk_uploads_are_refused_with_a_problem_and_the_server_goes_on()
    {
        await using var server = await ServeOnSmallDiskAsync();
        using var http = new HttpClient { BaseAddress = server.Address };
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Tone(120)), "file", "big.wav" } }; // 3.8 MB
        using (var response = await http.PostAsync("/api/sessions/replay", form))
            await AssertUnavailableAsync(response, "no space left on the device holding the uploads");

        // Small work still fits, and the server answers as before.
        var id = await UploadAsync(http, Tone(1), "fast");
        await WaitAsync(async () => (await SessionAsync(http, id)).Status != SessionStatus.Running);
        Assert.Equal(SessionStatus.Completed, (await SessionAsync(http, id)).Status);
        Assert.Equal("ok", (string)JsonNode.Parse(await http.GetStringAsync("/health"))!["status"]!);
    }

    [SkippableFact]
    public async Task On_a_full_disk_creating_a_session_answers_503_naming_the_store_and_keeps_nothing()
    {
        await using var server = await ServeOnSmallDiskAsync();
        using var http = new HttpClient { BaseAddress = server.Address };
        var filler = server.InItsNamespace(Path.Combine(Data, "filler"));
        await FillAsync(filler);

        using (var live = await http.PostAsJsonAsync("/api/sessions", new { format = "pcm16", sampleRate = 16000 }))
            await AssertUnavailableAsync(live, DatabaseFull);
        // Room for a small upload's copy (one 4 KiB page), none for the database's next page: the copy is stored, the session is not.
        using (var file = new FileStream(filler, FileMode.Open)) file.SetLength(file.Length - 4096);
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(Tone(0.05)), "file", "small.wav" } })
        using (var upload = await http.PostAsync("/api/sessions/replay", form))
            await AssertUnavailableAsync(upload, DatabaseFull);

        // Nothing half-created: no session recorded, no upload kept.
        Assert.Equal("[]", await http.GetStringAsync("/api/sessions"));
        Assert.Empty(Directory.GetFiles(server.InItsNamespace(Path.Combine(Data, "uploads")), "*", SearchOption.AllDirectories));

        // Once room is made, sessions start again.
        File.Delete(filler);
        var id = await UploadAsync(http, Tone(1), "fast");
        await WaitAsync(async () => (await SessionAsync(http, id)).Status != SessionStatus.Running);
        Assert.Equal(SessionStatus.Completed, (await SessionAsync(http, id)).Status);
        await CreateLiveAsync(http);
        Assert.Contains("no space left on the device holding the session database", server.Stdout); // the log names the path too
        Assert.Contains(Path.Combine(Data, "emostream.db"), server.Stdout);
    }

    private const string DatabaseFull = "could not store the new session (no space left on the device holding the session database); try again later";

    /// <summary>The server on a data folder of its own, a 2 MB tmpfs in a mount namespace (skipped, saying why, where there is none).</summary>
    private async Task<ServerProcess> ServeOnSmallDiskAsync()
    {
        var why = ServerProcess.MountNamespaceUnavailable();
        Skip.If(why is not null, why);
        Directory.CreateDirectory(Data);
        return await ServerProcess.ServeAsync(Data, mountFirst: $"mount -t tmpfs -o size=2m tmpfs '{Data}'");
    }

    /// <summary>503, a problem-details body saying <paramref name="why"/>, no server path.</summary>
    private async Task AssertUnavailableAsync(HttpResponseMessage response, string why)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(why, body);
        Assert.DoesNotContain(_dir, body);
        Assert.DoesNotContain("/tmp", body);
    }

    /// <summary>Writes zeros to <paramref name="path"/> until its file system has no room left.</summary>
    private static async Task FillAsync(string path)
    {
        var chunk = new byte[64 * 1024];
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        try
        {
            while (true) await file.WriteAsync(chunk);
        }
        catch (IOException e) when (e.HResult == 28) // ENOSPC
        {
        }
        // What a 64 KiB write could not take, in smaller pieces.
        chunk = new byte[512];
        try
        {
            while (true) await file.WriteAsync(chunk);
        }
        catch (IOException e) when (e.HResult == 28)
        {
        }
    }
}
