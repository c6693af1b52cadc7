using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EmoStream.Dashboard.Api;
using EmoStream.Dashboard.Hubs;
using EmoStream.Dashboard.Security;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.Sessions.Storage;
using Microsoft.AspNetCore.SignalR.Client;

namespace EmoStream.Dashboard.Tests.Web;

/// <summary>
/// Corrections through the API: who may make them (review tokens, the ingest token, loopback) and as whom, what is
/// refused and how, the session's viewers hearing them live, and the detail and exports showing the correction in
/// force beside the model's unchanged answer.
/// </summary>
public sealed class CorrectionTests
{
    private const string Ingest = "ingest-secret";
    private const string View = "view-secret";
    private const string Alice = "alice-secret";
    private const string Hostile = "hostile-secret";

    /// <summary>A reviewer whose name a spreadsheet would run as a formula.</summary>
    private const string HostileName = "=SUM(1+1)";

    private static Task<DashboardServer> OffLoopback() => DashboardServer.StartAsync("0.0.0.0", ("Security:IngestToken", Ingest),
        ("Security:ViewToken", View), ("Security:ReviewTokens:alice", Alice), ($"Security:ReviewTokens:{HostileName}", Hostile));

    private static readonly DateTimeOffset Created = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>An ended session of three utterances the model called angry (stored as the pipeline stores them).</summary>
    private static async Task SeedAsync(DashboardServer server, string id)
    {
        await server.Store.CreateSessionAsync(new SessionRecord(id, SessionKind.Replay, "call.wav", SessionStatus.Running, Created, null, ["agent", "customer"], "m"));
        for (var i = 0; i < 3; i++)
            await server.Store.AddUtteranceAsync(new UtteranceRecord(id, i, i % 2 == 0 ? "agent" : "customer", i * 2, i * 2 + 1.5, $"words {i}", "none", null, "angry",
                new Dictionary<string, double> { ["happy"] = 0.1, ["neutral"] = 0.2, ["angry"] = 0.6, ["sad"] = 0.1 },
                new Dictionary<string, double> { ["audio"] = 1, ["text"] = 0 }), null, null);
        await server.Store.EndSessionAsync(id, SessionStatus.Completed, Created.AddMinutes(1), null);
    }

    private static async Task<HttpResponseMessage> CorrectAsync(DashboardServer server, string id, int index, string body, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{id}/utterances/{index}/corrections")
            { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await server.Http.SendAsync(request);
    }

    private static async Task<CorrectionRecord> CreatedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CorrectionRecord>(DashboardServer.Json))!;
    }

    private static async Task<T> GetAsync<T>(DashboardServer server, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        using var response = await server.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode}");
        return typeof(T) == typeof(string) ? (T)(object)await response.Content.ReadAsStringAsync() : (await response.Content.ReadFromJsonAsync<T>(DashboardServer.Json))!;
    }

    [Fact]
    public async Task Reviewers_and_the_operator_correct_as_their_tokens_name_them_a_viewer_cannot_and_the_models_answer_stays()
    {
        await using var server = await OffLoopback();
        await SeedAsync(server, "call");

        // The author is the token's reviewer, whatever the body claims; the class is taken in the model's spelling.
        var alice = await CreatedAsync(await CorrectAsync(server, "call", 1, """{"emotion":"Sad","author":"mallory"}""", Alice));
        Assert.Equal(("call", 1, "sad", "angry", "alice"), (alice.SessionId, alice.Index, alice.Emotion, alice.ModelEmotion, alice.Author));
        var operatorNone = await CreatedAsync(await CorrectAsync(server, "call", 0, """{"emotion":null}""", Ingest));
        Assert.Equal((null, "operator"), (operatorNone.Emotion, operatorNone.Author));
        var hostile = await CreatedAsync(await CorrectAsync(server, "call", 1, """{"emotion":"neutral"}""", $"{Hostile}"));
        Assert.Equal(HostileName, hostile.Author);

        using (var refused = await CorrectAsync(server, "call", 2, """{"emotion":"happy"}""", View))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("needs the IngestToken or a review token (Security:ReviewTokens)", await refused.Content.ReadAsStringAsync());
        }
        using (var anonymous = await CorrectAsync(server, "call", 2, """{"emotion":"happy"}"""))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        // The history, oldest first, for anyone who may read.
        Assert.Equal([alice, operatorNone, hostile], await GetAsync<CorrectionRecord[]>(server, "/api/sessions/call/corrections", View));
        // The detail: the correction in force beside the model's unchanged answer.
        var detail = await GetAsync<SessionDetail>(server, "/api/sessions/call", View);
        Assert.All(detail.Utterances, u => Assert.Equal("angry", u.Emotion));
        Assert.Equal(new CorrectionInForce("neutral", HostileName, hostile.CreatedUtc), detail.Utterances[1].Correction);
        Assert.Equal(new CorrectionInForce(null, "operator", operatorNone.CreatedUtc), detail.Utterances[0].Correction);
        Assert.Null(detail.Utterances[2].Correction);
        Assert.All(await server.Store.GetUtterancesAsync("call"), u => Assert.Equal("angry", u.Emotion));

        var json = JsonNode.Parse(await GetAsync<string>(server, "/api/sessions/call/export.json", View))!["utterances"]!.AsArray();
        Assert.Equal(["angry", "angry", "angry"], json.Select(u => (string)u!["emotion"]!));
        Assert.Equal("neutral", (string)json[1]!["correction"]!["emotion"]!);
        Assert.Equal(HostileName, (string)json[1]!["correction"]!["author"]!);
        Assert.Equal(hostile.CreatedUtc, DateTimeOffset.Parse((string)json[1]!["correction"]!["createdUtc"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(json[0]!["correction"]!.AsObject().ContainsKey("emotion"));
        Assert.Null(json[0]!["correction"]!["emotion"]); // none of these
        Assert.Null(json[2]!["correction"]);

        var csv = (await GetAsync<string>(server, "/api/sessions/call/export.csv", View)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("index,speaker,start,end,emotion,correction,corrected_by,corrected_utc,p_happy,", csv[0]);
        string Cells(int row) => string.Join(',', csv[row + 1].Split(',')[4..8]);
        Assert.Equal($"angry,none of these,operator,{operatorNone.CreatedUtc.UtcDateTime:O}", Cells(0));
        Assert.Equal($"angry,neutral,'{HostileName},{hostile.CreatedUtc.UtcDateTime:O}", Cells(1)); // the formula neutralised
        Assert.Equal("angry,,,", Cells(2));
    }

    [Fact]
    public async Task A_bad_correction_is_refused_naming_the_field_the_value_and_the_allowed_classes_and_stores_nothing()
    {
        await using var server = await DashboardServer.StartAsync();
        await SeedAsync(server, "call");

        async Task<(HttpStatusCode Status, JsonNode Problem)> Refused(string id, int index, string body)
        {
            using var response = await CorrectAsync(server, id, index, body);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
        }

        var (status, problem) = await Refused("call", 0, """{"emotion":"furious"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = (string)problem["errors"]!["emotion"]![0]!;
        Assert.Contains("'furious' is not one of this session's classes (happy, neutral, angry, sad)", message);
        Assert.Contains("null marks the utterance as none of these", message);
        (status, problem) = await Refused("call", 0, """{"emotion":5}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem["errors"]!["emotion"]);
        (status, problem) = await Refused("call", 0, "{}"); // missing is not "none of these"
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("emotion", problem["detail"]!.ToString());
        (status, _) = await Refused("call", 0, "not json");
        Assert.Equal(HttpStatusCode.BadRequest, status);

        (status, problem) = await Refused("nope", 0, """{"emotion":"sad"}""");
        Assert.Equal((HttpStatusCode.NotFound, "no session 'nope'"), (status, (string)problem["detail"]!));
        (status, problem) = await Refused("call", 7, """{"emotion":"sad"}""");
        Assert.Equal((HttpStatusCode.NotFound, "session 'call' has no utterance 7"), (status, (string)problem["detail"]!));
        (status, _) = await Refused("call", -1, """{"emotion":"sad"}""");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/api/sessions/nope/corrections")).StatusCode);

        Assert.Empty(await server.Store.GetCorrectionsAsync("call"));
    }

    [Fact]
    public async Task On_loopback_a_correction_without_a_token_is_locals_and_with_a_review_token_its_reviewers()
    {
        await using var server = await DashboardServer.StartAsync(settings: [("Security:ReviewTokens:alice", Alice), ("Security:ViewToken", View)]);
        await SeedAsync(server, "call");
        Assert.Equal("local", (await CreatedAsync(await CorrectAsync(server, "call", 0, """{"emotion":"happy"}"""))).Author);
        Assert.Equal("alice", (await CreatedAsync(await CorrectAsync(server, "call", 0, """{"emotion":"sad"}""", Alice))).Author);
        // Loopback trusts every client: a token that names nobody (the view token, a wrong one) corrects as local.
        Assert.Equal("local", (await CreatedAsync(await CorrectAsync(server, "call", 0, """{"emotion":"sad"}""", View))).Author);
        Assert.Equal("local", (await CreatedAsync(await CorrectAsync(server, "call", 0, """{"emotion":"sad"}""", "not-a-token"))).Author);
        Assert.True((await server.Http.GetFromJsonAsync<UiSettings>(UiSettingsApi.Path, DashboardServer.Json))!.CanCorrect);
    }

    [Fact]
    public async Task The_settings_tell_the_page_whether_its_token_may_correct()
    {
        await using var server = await OffLoopback();
        foreach (var (token, may) in new[] { (View, false), (Alice, true), (Ingest, true) })
            Assert.Equal(may, (await GetAsync<UiSettings>(server, UiSettingsApi.Path, token)).CanCorrect);
    }

    [Fact]
    public async Task A_correction_reaches_the_viewers_of_its_session_live_and_a_later_viewer_gets_it_with_the_utterance()
    {
        await using var server = await OffLoopback();
        await SeedAsync(server, "call");
        await SeedAsync(server, "other");
        var heard = new TaskCompletionSource<CorrectionRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
        var elsewhere = new List<CorrectionRecord>();

        // Viewers of the ended session (and one of another session) join before the correction.
        await using var viewer = server.Viewer(View);
        viewer.On<CorrectionRecord>(SessionEvents.UtteranceCorrected, c => heard.TrySetResult(c));
        var log = await ViewerLog.JoinAsync(viewer, "call");
        await log.Ended.WaitAsync(TimeSpan.FromSeconds(30));
        await using var other = server.Viewer(View);
        other.On<CorrectionRecord>(SessionEvents.UtteranceCorrected, elsewhere.Add);
        await (await ViewerLog.JoinAsync(other, "other")).Ended.WaitAsync(TimeSpan.FromSeconds(30));

        var stored = await CreatedAsync(await CorrectAsync(server, "call", 2, """{"emotion":"happy"}""", Alice));
        Assert.Equal(stored, await heard.Task.WaitAsync(TimeSpan.FromSeconds(30)));

        // A viewer joining now gets the correction with the utterance it corrects.
        await using var late = server.Viewer(Alice);
        var lateLog = await ViewerLog.JoinAsync(late, "call");
        await lateLog.Ended.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new CorrectionInForce("happy", "alice", stored.CreatedUtc), lateLog.Utterances[2].Correction);
        Assert.Null(lateLog.Utterances[0].Correction);
        Assert.Empty(elsewhere);
    }

    [Theory]
    [InlineData("alice", View, "Security:ReviewTokens:alice is the same token as Security:ViewToken")]
    [InlineData("alice", Ingest, "Security:ReviewTokens:alice is the same token as Security:IngestToken")]
    [InlineData("bob", Alice, "Security:ReviewTokens:bob is the same token as Security:ReviewTokens:alice")]
    [InlineData("operator", "op-secret", "'operator' cannot name a reviewer")]
    [InlineData("local", "local-secret", "'local' cannot name a reviewer")]
    [InlineData("bob", " ", "Security:ReviewTokens:bob is empty")]
    public async Task A_review_token_that_is_empty_or_not_its_holders_alone_stops_the_server_from_starting(string name, string token, string expected)
    {
        (string, string)[] settings = [("Security:IngestToken", Ingest), ("Security:ViewToken", View), ("Security:ReviewTokens:alice", Alice), ($"Security:ReviewTokens:{name}", token)];
        if (name == "alice") settings = settings[..2].Append(($"Security:ReviewTokens:{name}", token)).ToArray();
        // Checked on loopback too: a review token names who corrected.
        var error = await Assert.ThrowsAsync<HostingConfigurationException>(() => DashboardServer.StartAsync(settings: settings));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain(token.Trim() is { Length: > 0 } secret ? secret : "\0", error.Message); // never the token itself
    }
}
