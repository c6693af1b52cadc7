using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using EmoStream.Capture.Audio;
using EmoStream.Sessions.Storage;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.Sessions.Tests.Support;
using EmoStream.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace EmoStream.Dashboard.Tests.Web;

/// <summary>Live sessions fed over the ingest WebSocket, and the errors malformed uploads and frames get.</summary>
public sealed class LiveIngestTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-ingest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The field the 400 problem details name, and its message.</summary>
    private static async Task<string> InvalidFieldAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType!.ToString());
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (string)problem["errors"]![field]![0]!;
    }

    /// <summary>Reads until the server closes the socket; its close status and reason.</summary>
    internal static async Task<(WebSocketCloseStatus? Status, string? Description)> ClosedAsync(ClientWebSocket socket)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var buffer = new byte[1024];
        while ((await socket.ReceiveAsync(buffer, cts.Token)).MessageType != WebSocketMessageType.Close) { }
        return (socket.CloseStatus, socket.CloseStatusDescription);
    }

    [Fact]
    public async Task Browser_PCM16_streamed_to_the_ingest_socket_is_scored_stored_and_broadcast()
    {
        var samples = AudioFileReader.Default.Read16kMono(Conversations.Write(_dir, "mic.wav", turns: 4));
        await using var server = await DashboardServer.StartAsync();
        var id = await server.CreateLiveSessionAsync(new { format = "pcm16", sampleRate = 16000, speakers = new[] { "caller" } });
        await using var viewer = server.Viewer();
        var log = await ViewerLog.JoinAsync(viewer, id);

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.Ingest(id), CancellationToken.None);
        var pcm = DashboardServer.Pcm16(samples);
        for (var at = 0; at < pcm.Length; at += 3200) // 100 ms messages, as a browser's audio worklet batches them
            await socket.SendAsync(pcm.AsMemory(at, Math.Min(3200, pcm.Length - at)), WebSocketMessageType.Binary, true, CancellationToken.None);
        // Closing ends the stream: the server answers once every captured utterance is stored.
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", new CancellationTokenSource(Timeout).Token);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        var ended = await log.Ended.WaitAsync(Timeout);
        Assert.Equal(SessionStatus.Completed, ended.Status);
        var stored = await server.Store.GetUtterancesAsync(id);
        Assert.Contains($"session completed, {stored.Count} utterance(s) stored", socket.CloseStatusDescription);
        Assert.InRange(stored.Count, 3, 8);
        Assert.All(stored, u => Assert.Equal("caller", u.Speaker));
        ViewerLog.AssertSame(stored, log.Utterances);
    }

    [Fact]
    public async Task A_telephony_media_stream_is_scored_per_track_and_ends_with_its_stop_event()
    {
        var samples = AudioFileReader.Default.Read16kMono(Conversations.Write(_dir, "call.wav", turns: 4));
        await using var server = await DashboardServer.StartAsync();
        var id = await server.CreateLiveSessionAsync(new { format = "telephony" });
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.Ingest(id), CancellationToken.None);
        var sequence = 1; // the start event's
        Task SendAsync(string json) => socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

        await SendAsync("""{"event":"connected","protocol":"Call","version":"1.0.0"}""");
        await SendAsync("""{"event":"start","sequenceNumber":"1","start":{"tracks":["inbound"],"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}}}""");
        // 8 kHz mu-law in 20 ms messages, as a telephone media stream sends it (pairs averaged: a crude low-pass before halving the rate).
        var narrow = Enumerable.Range(0, samples.Length / 2).Select(i => (samples[2 * i] + samples[2 * i + 1]) / 2).ToArray();
        for (var at = 0; at + 160 <= narrow.Length; at += 160)
        {
            var payload = Convert.ToBase64String(narrow.AsSpan(at, 160).ToArray().Select(MuLawEncode).ToArray());
            await SendAsync($$$"""{"event":"media","sequenceNumber":"{{{++sequence}}}","media":{"track":"inbound","timestamp":"{{{at / 8}}}","payload":"{{{payload}}}"}}""");
        }
        await SendAsync($$"""{"event":"stop","sequenceNumber":"{{++sequence}}"}""");

        var (status, description) = await ClosedAsync(socket);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, status);
        Assert.Contains("session completed", description);
        var stored = await server.Store.GetUtterancesAsync(id);
        Assert.InRange(stored.Count, 3, 8);
        Assert.All(stored, u => Assert.Equal("customer", u.Speaker)); // Capture:Telephony:TrackSpeakers maps inbound to customer
    }

    /// <summary>G.711 mu-law (the inverse of the capture parser's expansion).</summary>
    private static byte MuLawEncode(float sample)
    {
        var pcm = (int)Math.Clamp(sample * 32767f, -32767f, 32767f);
        var sign = pcm < 0 ? 0x80 : 0;
        var magnitude = Math.Min(Math.Abs(pcm), 32635) + 0x84;
        var exponent = 7;
        for (var mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) exponent--;
        var mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    [Fact]
    public async Task A_PCM16_message_of_an_odd_byte_count_closes_the_socket_with_the_reason_and_fails_the_session()
    {
        await using var server = await DashboardServer.StartAsync();
        var id = await server.CreateLiveSessionAsync(new { format = "pcm16", sampleRate = 48000 });
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.Ingest(id), CancellationToken.None);
        await socket.SendAsync(new byte[4], WebSocketMessageType.Binary, true, CancellationToken.None);
        await socket.SendAsync(new byte[3], WebSocketMessageType.Binary, true, CancellationToken.None);

        var (status, description) = await ClosedAsync(socket);
        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, status);
        Assert.Contains("message 2: 3 bytes is not a whole number", description);
        var session = await server.EndedAsync(id, Timeout);
        Assert.Equal(SessionStatus.Failed, session.Status);
        Assert.Contains("3 bytes is not a whole number of 1-channel 16-bit sample frames", session.Detail);
    }

    [Fact]
    public async Task A_telephony_message_that_is_not_JSON_closes_the_socket_with_the_reason()
    {
        await using var server = await DashboardServer.StartAsync();
        var id = await server.CreateLiveSessionAsync(new { format = "telephony" });
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.Ingest(id), CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("""{"event":"connected"}"""), WebSocketMessageType.Text, true, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("hello"), WebSocketMessageType.Text, true, CancellationToken.None);

        var (status, description) = await ClosedAsync(socket);
        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, status);
        Assert.Contains("message 2: not valid JSON", description);
        Assert.Equal(SessionStatus.Failed, (await server.EndedAsync(id, Timeout)).Status);
    }

    [Fact]
    public async Task Malformed_requests_get_problem_details_naming_the_field()
    {
        await using var server = await DashboardServer.StartAsync();
        Assert.Contains("expected 'pcm16' or 'telephony', got 'mp3'",
            await InvalidFieldAsync(await server.Http.PostAsJsonAsync("/api/sessions", new { format = "mp3" }), "format"));
        Assert.Contains("required for pcm16",
            await InvalidFieldAsync(await server.Http.PostAsJsonAsync("/api/sessions", new { format = "pcm16" }), "sampleRate"));
        Assert.Contains("expected 8000 to 192000 Hz, got 100",
            await InvalidFieldAsync(await server.Http.PostAsJsonAsync("/api/sessions", new { format = "pcm16", sampleRate = 100 }), "sampleRate"));
        Assert.Contains("not valid JSON",
            await InvalidFieldAsync(await server.Http.PostAsync("/api/sessions", new StringContent("{\"sampleRate\": \"fast\"}", Encoding.UTF8, "application/json")), "sampleRate"));

        Assert.Contains("expected a multipart/form-data upload",
            await InvalidFieldAsync(await server.Http.PostAsJsonAsync("/api/sessions/replay", new { }), "file"));
        using (var form = new MultipartFormDataContent { { new StringContent("fast"), "pacing" } })
            Assert.Contains("missing", await InvalidFieldAsync(await server.Http.PostAsync("/api/sessions/replay", form), "file"));
        var text = Path.Combine(_dir, "notes.wav");
        await File.WriteAllTextAsync(text, "this is not a recording");
        Assert.Contains("'notes.wav' is not a readable recording", await InvalidFieldAsync(await server.UploadAsync(text, "fast"), "file"));
        Assert.Contains("expected 'realtime' or 'fast', got 'slow'", await InvalidFieldAsync(await server.UploadAsync(text, "slow"), "pacing"));
        Assert.Empty(await server.Store.ListSessionsAsync());

        foreach (var path in new[] { "/api/sessions/nope", "/api/sessions/nope/export.csv", "/api/sessions/nope/export.json" })
        {
            using var response = await server.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("no session 'nope'", await response.Content.ReadAsStringAsync());
        }
        using (var notSocket = await server.Http.GetAsync($"/api/sessions/{await server.CreateLiveSessionAsync(new { format = "telephony" })}/ingest"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notSocket.StatusCode);
            Assert.Contains("expected a WebSocket upgrade request", await notSocket.Content.ReadAsStringAsync());
        }
    }
}
