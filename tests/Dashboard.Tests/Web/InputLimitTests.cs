using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using EmoStream.Capture.Tests.Support;
using EmoStream.Sessions.Storage;
using EmoStream.Cli.Tests;
using EmoStream.Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;

namespace EmoStream.Dashboard.Tests.Web;

/// <summary>Inputs a hostile or careless client sends get clear, bounded answers: problem details naming the field, no server paths.</summary>
public sealed class InputLimitTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-limits-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Seconds of a quiet tone, 16 kHz mono 16-bit WAV.</summary>
    private static byte[] Wav(double seconds, int channels = 1) =>
        WavWriter.Encode(Enumerable.Range(0, channels).Select(_ => Enumerable.Range(0, (int)(seconds * 16000)).Select(i => 0.01f * MathF.Sin(i * 0.05f)).ToArray()).ToArray(),
            16000, WavEncoding.Int16);

    private static async Task<HttpResponseMessage> UploadAsync(DashboardServer server, byte[] bytes, string fileName, string? speakers = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        // The name exactly as a client may send it (MultipartFormDataContent would quote and encode it).
        file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename=\"{fileName}\"");
        form.Add(file);
        if (speakers is not null) form.Add(new StringContent(speakers), "speakers");
        // Expect: 100-continue, as large uploads send it: a refusal before the body is read arrives before the body is sent.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions/replay") { Content = form, Headers = { ExpectContinue = true } };
        return await server.Http.SendAsync(request);
    }

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("/tmp", body);
        Assert.DoesNotContain("uploads", body);
        return JsonNode.Parse(body)!;
    }

    [Fact]
    public async Task Speaker_names_given_twice_are_a_400_naming_the_field_for_live_sessions_and_uploads()
    {
        await using var server = await DashboardServer.StartAsync();
        foreach (var names in new[] { new[] { "a", "a" }, ["agent", "customer", "Agent"] })
        {
            using var live = await server.Http.PostAsJsonAsync("/api/sessions", new { format = "pcm16", sampleRate = 16000, speakers = names });
            var problem = await ProblemAsync(live, HttpStatusCode.BadRequest);
            Assert.Contains("named twice", (string)problem["errors"]!["speakers"]![0]!);
        }
        using var upload = await UploadAsync(server, Wav(1, channels: 2), "call.wav", "x, x");
        var uploaded = await ProblemAsync(upload, HttpStatusCode.BadRequest);
        Assert.Contains("'x' is named twice", (string)uploaded["errors"]!["speakers"]![0]!);
        Assert.Empty(await server.Store.ListSessionsAsync());
    }

    [Fact]
    public async Task Replay_with_a_speaker_named_twice_is_a_usage_error()
    {
        var wav = Path.Combine(_dir, "call.wav");
        await File.WriteAllBytesAsync(wav, Wav(1, channels: 2));
        var run = await CliRunner.RunAsync("replay", wav, "--speakers", "x,x");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--speakers: 'x' is named twice", run.Stderr + run.Stdout);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../../escape.wav")]
    [InlineData("dir\\\\evil.wav")]
    [InlineData("LONG")]
    public async Task Any_upload_file_name_is_shown_not_used_as_a_path(string fileName)
    {
        if (fileName == "LONG") fileName = new string('n', 300) + ".wav";
        await using var server = await DashboardServer.StartAsync();
        using var refused = await UploadAsync(server, Encoding.UTF8.GetBytes("not audio at all"), fileName);
        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains("is not a readable recording", (string)problem["errors"]!["file"]![0]!);

        using var accepted = await UploadAsync(server, Wav(1), fileName);
        Assert.True(accepted.StatusCode == HttpStatusCode.Created, await accepted.Content.ReadAsStringAsync());
        var session = (await accepted.Content.ReadFromJsonAsync<EmoStream.Dashboard.Api.SessionCreated>(DashboardServer.Json))!.Session;
        Assert.DoesNotContain("/", session.Source);
        Assert.InRange(session.Source.Length, 1, 255);
        await server.EndedAsync(session.Id, Timeout);
        // Nothing was written beside the uploads folder, and the refused upload left no folder behind.
        var data = Path.GetDirectoryName(server.Store is SqliteSessionStore sqlite ? sqlite.DatabasePath : throw new InvalidOperationException())!;
        Assert.False(File.Exists(Path.Combine(data, "escape.wav")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(data)!, "escape.wav")));
        var uploads = Path.Combine(data, "uploads");
        // uploads/<this process>/<one folder per upload>: none left once the session ended.
        await WaitUntilAsync(() => !Directory.Exists(uploads) || Directory.GetDirectories(uploads).All(owner => Directory.GetFileSystemEntries(owner).Length == 0));
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_a_413_naming_the_field()
    {
        await using var server = await DashboardServer.StartAsync("127.0.0.1", ("Limits:MaxUploadBytes", "50000"));
        using var response = await UploadAsync(server, Wav(4), "big.wav"); // 128 KB
        var problem = await ProblemAsync(response, (HttpStatusCode)413);
        Assert.Contains("over the limit of 50000 bytes", (string)problem["errors"]!["file"]![0]!);
        using var small = await UploadAsync(server, Wav(1), "small.wav");
        Assert.Equal(HttpStatusCode.Created, small.StatusCode);
    }

    [Fact]
    public async Task A_recording_longer_than_the_limit_is_a_400_naming_the_field_and_the_limit()
    {
        var flac = Path.Combine(_dir, "two-hours.flac");
        using (var ffmpeg = System.Diagnostics.Process.Start("ffmpeg", ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "7200", "-c:a", "flac", flac]))
        {
            await ffmpeg.WaitForExitAsync();
            Assert.Equal(0, ffmpeg.ExitCode);
        }
        await using var server = await DashboardServer.StartAsync("127.0.0.1", ("Limits:MaxRecordingDuration", "01:00:00"));
        using var response = await UploadAsync(server, await File.ReadAllBytesAsync(flac), "two-hours.flac");
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("'two-hours.flac' lasts more than the limit of 1 h (Limits:MaxRecordingDuration)", (string)problem["errors"]!["file"]![0]!);
        Assert.Empty(await server.Store.ListSessionsAsync());
    }

    [Fact]
    public async Task A_mono_recording_to_diarize_is_held_to_its_own_limit_because_it_is_kept_whole()
    {
        await using var server = await DashboardServer.StartAsync("127.0.0.1", ("Limits:MaxDiarizedDuration", "00:00:02"));

        using var twoSpeakers = await UploadAsync(server, Wav(3), "mono.wav", speakers: "agent,customer");
        var problem = await ProblemAsync(twoSpeakers, HttpStatusCode.BadRequest);
        Assert.Equal("'mono.wav' is one channel of 3 s with 2 speakers named: telling them apart holds the whole recording in memory, allowed up to 2 s "
                     + "(Limits:MaxDiarizedDuration); name one speaker, or send a recording with a channel per speaker", (string)problem["errors"]!["speakers"]![0]!);
        Assert.Empty(await server.Store.ListSessionsAsync());

        // Streamed, not diarized: the same length is fine with one speaker, or with a channel per speaker.
        using var oneSpeaker = await UploadAsync(server, Wav(3), "mono.wav", speakers: "agent");
        Assert.Equal(HttpStatusCode.Created, oneSpeaker.StatusCode);
        using var stereo = await UploadAsync(server, Wav(3, channels: 2), "stereo.wav", speakers: "agent,customer");
        Assert.Equal(HttpStatusCode.Created, stereo.StatusCode);
    }

    [Fact]
    public async Task A_server_error_is_a_problem_details_body_without_server_paths()
    {
        await using var server = await DashboardServer.StartAsync();
        var path = ((SqliteSessionStore)server.Store).DatabasePath;
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "PRAGMA foreign_keys = OFF; DROP TABLE utterance_audio; DROP TABLE utterances; DROP TABLE sessions;";
            await drop.ExecuteNonQueryAsync();
        }
        using var response = await server.Http.GetAsync("/api/sessions");
        var problem = await ProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.Equal(500, (int)problem["status"]!);
        Assert.DoesNotContain("no such table", problem.ToJsonString());
    }

    [Fact]
    public async Task A_live_session_that_receives_no_audio_times_out()
    {
        await using var server = await DashboardServer.StartAsync("127.0.0.1", ("Limits:LiveIdleTimeout", "00:00:01"));
        var id = await server.CreateLiveSessionAsync(new { format = "pcm16", sampleRate = 16000 });
        var session = await server.EndedAsync(id, Timeout);
        Assert.Equal(SessionStatus.Failed, session.Status);
        Assert.Contains("no audio for 1 s (Limits:LiveIdleTimeout)", session.Detail);
    }

    [Fact]
    public async Task Telephony_timestamps_cannot_run_ahead_of_arrival()
    {
        await using var server = await DashboardServer.StartAsync();
        var id = await server.CreateLiveSessionAsync(new { format = "telephony" });
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.Ingest(id), CancellationToken.None);
        Task SendAsync(string json) => socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        var payload = Convert.ToBase64String(Enumerable.Repeat((byte)0xFF, 160).ToArray());
        await SendAsync("""{"event":"start","sequenceNumber":"1","start":{"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}}}""");
        // Each jump is under the parser's own 60 s limit; together they would be minutes of audio from a few messages.
        for (var i = 0; i < 5; i++)
            await SendAsync($$$"""{"event":"media","sequenceNumber":"{{{i + 2}}}","media":{"track":"inbound","timestamp":"{{{i * 50_000}}}","payload":"{{{payload}}}"}}""");
        var session = await server.EndedAsync(id, Timeout);
        Assert.Equal(SessionStatus.Failed, session.Status);
        Assert.Contains("a live stream may run at most 30 s ahead of real time", session.Detail);
    }

    [Fact]
    public async Task PCM16_sent_much_faster_than_real_time_is_refused()
    {
        await using var server = await DashboardServer.StartAsync("127.0.0.1", ("Limits:LiveMaxLead", "00:00:05"));
        var id = await server.CreateLiveSessionAsync(new { format = "pcm16", sampleRate = 16000 });
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.Ingest(id), CancellationToken.None);
        var second = new byte[32000];
        try
        {
            for (var i = 0; i < 60; i++) await socket.SendAsync(second, WebSocketMessageType.Binary, true, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The server closed the socket meanwhile.
        }
        var session = await server.EndedAsync(id, Timeout);
        Assert.Equal(SessionStatus.Failed, session.Status);
        Assert.Contains("a live stream may run at most 5 s ahead of real time", session.Detail);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (!condition()) await Task.Delay(50, cts.Token);
    }
}
