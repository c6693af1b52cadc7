using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using EmoStream.Capture.Audio;
using EmoStream.Dashboard.Api;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.Sessions.Storage;
using EmoStream.Sessions.Tests.Support;

namespace EmoStream.Dashboard.Tests.Web;

/// <summary>
/// Transcripts users already have, instead of speech recognition (the test server runs none): a file uploaded with
/// the recording, and segments an external recogniser sends over the live ingest socket.
/// </summary>
public sealed class GivenTranscriptTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-transcript-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Time(double seconds) => TimeSpan.FromSeconds(seconds).ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);

    private static MultipartFormDataContent Form(string recording, string speakers, string transcriptName, string transcript)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(File.ReadAllBytes(recording)), "file", Path.GetFileName(recording) },
            { new StringContent("fast"), "pacing" },
            { new StringContent(speakers), "speakers" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(transcript)), "transcript", transcriptName },
        };
        return form;
    }

    [Fact]
    public async Task An_uploaded_WebVTT_transcript_gives_each_utterance_the_text_of_its_cues()
    {
        var clips = RavdessClips.Of("03", ["angry", "sad"], 2).Concat(RavdessClips.Of("04", ["happy", "sad"], 2)).Select(c => c.Path).ToArray();
        var call = Path.Combine(_dir, "call.wav");
        var turns = SpeechConversation.Write(call, [clips[0], clips[2], clips[1], clips[3]], channelPerSpeaker: true);
        // Turns 0-2 have cues (agent, customer, agent); turn 3 (customer) has none; one cue lies where nobody speaks.
        var vtt = new StringBuilder("WEBVTT\n\n");
        string[] said = ["Kids are talking by the door.", "Dogs are sitting by the door.", "Kids are talking, again."];
        for (var i = 0; i < 3; i++)
            vtt.Append(CultureInfo.InvariantCulture, $"{Time(turns[i].Start)} --> {Time(turns[i].End)}\n<v {(i % 2 == 0 ? "agent" : "customer")}>{said[i]}</v>\n\n");
        vtt.Append(CultureInfo.InvariantCulture, $"{Time(0.1)} --> {Time(0.6)}\n<v agent>(nobody speaks here)</v>\n");

        await using var server = await DashboardServer.StartAsync();
        using var form = Form(call, "agent,customer", "call.vtt", vtt.ToString());
        var response = await server.Http.PostAsync("/api/sessions/replay", form);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<SessionCreated>(DashboardServer.Json))!.Session.Id;
        Assert.Equal(SessionStatus.Completed, (await server.EndedAsync(id, Timeout)).Status);

        var stored = await server.Store.GetUtterancesAsync(id);
        Assert.InRange(stored.Count, 4, 8);
        foreach (var u in stored)
        {
            var turn = turns.Select((t, i) => (t, i)).Single(x => u.Start >= x.t.Start - 0.5 && u.Start < x.t.End).i;
            if (turn < 3)
            {
                Assert.Equal(said[turn], u.Transcript);
                Assert.Equal("transcript", u.Engine);
            }
            else
            {
                Assert.Null(u.Transcript); // speech with no cue: no text, and no recogniser ran either
            }
        }
        Assert.DoesNotContain(stored, u => u.Transcript == "(nobody speaks here)");
        Assert.All(said, s => Assert.Contains(stored, u => u.Transcript == s));
    }

    [Fact]
    public async Task A_bad_transcript_upload_is_refused_naming_the_field_the_line_and_the_problem()
    {
        var recording = Conversations.Write(_dir, "call.wav", turns: 2);
        await using var server = await DashboardServer.StartAsync();

        async Task<string> RefusedAsync(string speakers, string name, string transcript)
        {
            using var form = Form(recording, speakers, name, transcript);
            var response = await server.Http.PostAsync("/api/sessions/replay", form);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["transcript"]![0]!;
        }

        Assert.Equal("call.srt, line 2: the cue ends (1.000 s) before it starts (2.000 s)",
            await RefusedAsync("", "call.srt", "1\n00:00:02,000 --> 00:00:01,000\nhello\n"));
        Assert.StartsWith("call.json, line 3: cue 2: 'text' is missing",
            await RefusedAsync("", "call.json", "[\n {\"start\": 0, \"end\": 1, \"text\": \"a\"},\n {\"start\": 1, \"end\": 2}\n]"));
        Assert.Equal("call.json: cue 1 (0.00-1.00 s) is spoken by 'boss', but the session's speakers are agent, customer",
            await RefusedAsync("agent,customer", "call.json", "[{\"start\": 0, \"end\": 1, \"speaker\": \"boss\", \"text\": \"a\"}]"));
        Assert.Empty(await server.Store.ListSessionsAsync());
    }

    [Fact]
    public async Task A_live_session_takes_its_text_from_transcript_messages_sent_after_the_audio()
    {
        var a = RavdessClips.Of("03", ["angry", "sad", "happy"], 2);
        var b = RavdessClips.Of("04", ["angry", "sad", "happy"], 1);
        var recording = Path.Combine(_dir, "mic.wav");
        var turns = SpeechConversation.Write(recording, [a[0].Path, b[0].Path, a[1].Path], channelPerSpeaker: false);
        var samples = AudioFileReader.Default.Read16kMono(recording);
        await using var server = await DashboardServer.StartAsync();
        var id = await server.CreateLiveSessionAsync(new { format = "pcm16", sampleRate = 16000, speakers = new[] { "caller" }, externalTranscript = true });
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.Ingest(id), CancellationToken.None);
        var pcm = DashboardServer.Pcm16(samples);
        var sent = 0;
        // Each turn's text is sent once the audio is 1 s past the turn's end, as a recogniser finishing late would.
        for (var at = 0; at < pcm.Length; at += 3200)
        {
            await socket.SendAsync(pcm.AsMemory(at, Math.Min(3200, pcm.Length - at)), WebSocketMessageType.Binary, true, CancellationToken.None);
            var now = (at + 3200) / 2 / 16000.0;
            while (sent < turns.Count && (turns[sent].End + 1 <= now || at + 3200 >= pcm.Length))
            {
                var message = $$"""{"event": "transcript", "start": {{turns[sent].Start.ToString(CultureInfo.InvariantCulture)}}, "end": {{turns[sent].End.ToString(CultureInfo.InvariantCulture)}}, "text": "turn {{sent}}"}""";
                await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);
                sent++;
            }
        }
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", new CancellationTokenSource(Timeout).Token);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        var stored = await server.Store.GetUtterancesAsync(id);
        Assert.InRange(stored.Count, 3, 6);
        Assert.All(stored, u => Assert.Equal("transcript", u.Engine));
        for (var i = 0; i < turns.Count; i++) Assert.Contains(stored, u => u.Transcript == $"turn {i}");
    }

    [Fact]
    public async Task A_transcript_message_to_a_session_that_takes_none_closes_the_socket_with_the_reason()
    {
        await using var server = await DashboardServer.StartAsync();
        var id = await server.CreateLiveSessionAsync(new { format = "pcm16", sampleRate = 16000 });
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.Ingest(id), CancellationToken.None);
        await socket.SendAsync(new byte[3200], WebSocketMessageType.Binary, true, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("""{"event": "transcript", "start": 0, "end": 1, "text": "hi"}"""), WebSocketMessageType.Text, true, CancellationToken.None);

        var (status, description) = await LiveIngestTests.ClosedAsync(socket);
        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, status);
        Assert.Contains("message 2: a transcript segment, but the session was created without", description);
        var session = await server.EndedAsync(id, Timeout);
        Assert.Equal(SessionStatus.Failed, session.Status);
        Assert.Contains("\"externalTranscript\": true", session.Detail);
    }
}
