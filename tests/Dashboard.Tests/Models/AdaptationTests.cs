using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EmoStream.Capture.Audio;
using EmoStream.Dashboard.Api;
using EmoStream.Dashboard.Cli;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.Inference.Model;
using EmoStream.Sessions.Tests.Support;

namespace EmoStream.Dashboard.Tests.Models;

/// <summary>
/// <c>emostream adapt</c> end to end: a call streamed into the real server is stored with its features, a reviewer's
/// corrections (through the API, with a review token) are stored beside it, the real executable adapts the server's model to that session, and the server
/// switches to the new model without a restart; the next session is scored by it.
/// </summary>
public sealed class AdaptationTests : IDisposable
{
    private const string Ingest = "ingest-secret";
    private const string View = "view-secret";
    private const string Review = "review-secret";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-adapt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<string> StreamCallAsync(DashboardServer server, byte[] pcm)
    {
        string id;
        using (var create = await server.Http.SendAsync(Authorized(HttpMethod.Post, "/api/sessions", Ingest, new { format = "pcm16", sampleRate = 16000, speakers = new[] { "caller" } })))
        {
            Assert.Equal(HttpStatusCode.Created, create.StatusCode);
            id = (await create.Content.ReadFromJsonAsync<SessionCreated>(DashboardServer.Json))!.Session.Id;
        }
        await server.StreamPcmAsync(id, pcm, Ingest);
        await server.EndedAsync(id, Timeout);
        return id;
    }

    [Fact]
    public async Task Adapt_makes_a_model_from_a_stored_session_and_its_corrections_that_the_server_switches_to()
    {
        var models = Directory.CreateDirectory(Path.Combine(_dir, "models")).FullName;
        var shipped = ModelFiles.Shipped;
        await using var server = await DashboardServer.StartAsync("0.0.0.0",
            ("Security:IngestToken", Ingest), ("Security:ViewToken", View), ("Security:ReviewTokens:alice", Review), ("Models:Directory", models));
        var pcm = DashboardServer.Pcm16(AudioFileReader.Default.Read16kMono(Conversations.Write(_dir, "call.wav", turns: 6)));
        var session = await StreamCallAsync(server, pcm);

        var utterances = await server.Store.GetUtterancesAsync(session);
        var features = await server.Store.GetFeaturesAsync(session);
        Assert.True(utterances.Count >= 4, $"{utterances.Count} utterances stored");
        Assert.Equal(utterances.Select(u => u.Index), features.Select(f => f.Index));
        string?[] classes = ["happy", "neutral", "angry", "sad"];
        async Task CorrectAsync(int index, string? emotion)
        {
            using var response = await server.Http.SendAsync(Authorized(HttpMethod.Post, $"/api/sessions/{session}/utterances/{index}/corrections", Review, new { emotion }));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        foreach (var u in utterances) await CorrectAsync(u.Index, classes[u.Index % classes.Length]);
        await CorrectAsync(utterances[^1].Index, null); // "none of these", the latest, is in force

        var adapted = Path.Combine(models, "adapted.emsm");
        var report = Path.Combine(_dir, "adapt.json");
        await using var adapt = ServerProcess.Run(server.DataDirectory,
            ["adapt", "--model", shipped, "--corpus", "none", "--session", session, "--epochs", "3", "--out", adapted, "--json", report]);
        var exit = await adapt.ExitCodeAsync(TimeSpan.FromMinutes(5));

        // One session's corrections are too few to judge the new model by: it is written, not recommended.
        Assert.True(exit == ExitCodes.NotRecommended, $"exit {exit}\n{adapt.Stdout}\n{adapt.Stderr}");
        Assert.Contains("not recommended", adapt.Stdout);
        Assert.Contains("too few", adapt.Stdout);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(report))!;
        Assert.Equal(utterances.Count - 1, (int)json["corrections_trained"]! + (int)json["corrections_held_out"]!);
        Assert.Equal(1, (int)json["none_of_these"]!);
        Assert.False((bool)json["recommended"]!);
        Assert.Equal([session], json["sessions"]!.AsArray().Select(s => (string)s!));
        var metadata = ModelFile.ReadMetadata(adapted);
        var current = ModelFile.ReadMetadata(shipped);
        Assert.Equal(current.AcousticFeaturizer, metadata.AcousticFeaturizer);
        Assert.Equal(current.LexicalFeaturizer, metadata.LexicalFeaturizer);
        Assert.Equal(current.Classes, metadata.Classes);
        Assert.Equal(["session1-speaker1"], metadata.Speakers);
        Assert.Contains("1 stored sessions", metadata.Training.Corpus);

        string active;
        using (var switched = await server.Http.SendAsync(Authorized(HttpMethod.Post, "/api/models/active", Ingest, new { model = "adapted.emsm" })))
        {
            Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
            active = (await switched.Content.ReadFromJsonAsync<ModelList>(DashboardServer.Json))!.Active;
        }
        Assert.StartsWith("adapted.emsm@", active);
        var next = await StreamCallAsync(server, pcm);
        Assert.Equal(active, (await server.Store.GetSessionAsync(next))!.ModelId);
        Assert.NotEqual(active, (await server.Store.GetSessionAsync(session))!.ModelId); // the adapted-from session keeps its model
    }
}
