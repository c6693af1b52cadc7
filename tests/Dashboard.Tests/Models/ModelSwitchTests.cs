using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EmoStream.Capture.Audio;
using EmoStream.Dashboard.Api;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.Inference.Model;
using EmoStream.Sessions.Storage;
using EmoStream.Sessions.Tests.Support;

namespace EmoStream.Dashboard.Tests.Models;

/// <summary>
/// The server switches its active model without a restart (<c>POST /api/models/active</c>, ingest token): a session
/// running before the switch keeps its model while a new one uses the switched one; a file that fails to load is refused.
/// </summary>
public sealed class ModelSwitchTests : IDisposable
{
    private const string Ingest = "ingest-secret";
    private const string View = "view-secret";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-models-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The folder the server's set lives in: the shipped model, a copy calibrated differently, and two it must refuse.</summary>
    private string ModelFolder()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "models")).FullName;
        File.Copy(ModelFiles.Shipped, Path.Combine(folder, "shipped.emsm"));
        ModelFiles.Flattened(Path.Combine(folder, "flat.emsm"));
        var (model, metadata) = ModelFile.Load(ModelFiles.Shipped);
        using (model)
        {
            // Features this build does not compute: refused when it loads, although its checksum is right.
            ModelFile.Save(Path.Combine(folder, "alien.emsm"), model,
                metadata with { AcousticFeaturizer = metadata.AcousticFeaturizer! with { Settings = metadata.AcousticFeaturizer.Settings + ";other" } });
        }
        var bytes = File.ReadAllBytes(ModelFiles.Shipped);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(Path.Combine(folder, "corrupt.emsm"), bytes);
        return folder;
    }

    private static async Task<HttpResponseMessage> SwitchAsync(DashboardServer server, string model, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/models/active") { Content = JsonContent.Create(new { model }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await server.Http.SendAsync(request);
    }

    private static async Task<ModelList> ModelsAsync(DashboardServer server)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", View);
        using var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ModelList>(DashboardServer.Json))!;
    }

    private static async Task<string> StartLiveAsync(DashboardServer server)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions")
            { Content = JsonContent.Create(new { format = "pcm16", sampleRate = 16000, speakers = new[] { "caller" } }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Ingest);
        using var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SessionCreated>(DashboardServer.Json))!.Session.Id;
    }

    private static async Task<string> RefusalAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!;
    }

    [Fact]
    public async Task A_switch_takes_the_ingest_token_refuses_unknown_and_broken_files_and_leaves_running_sessions_their_model()
    {
        var folder = ModelFolder();
        await using var server = await DashboardServer.StartAsync("0.0.0.0",
            ("Security:IngestToken", Ingest), ("Security:ViewToken", View), ("Models:Directory", folder));
        var started = server.Sessions.Model.Id;

        var listed = await ModelsAsync(server);
        Assert.Equal(started, listed.Active);
        Assert.Equal(["default.emsm", "alien.emsm", "corrupt.emsm", "flat.emsm", "shipped.emsm"], listed.Models.Select(m => m.File));
        Assert.True(listed.Models.Single(m => m.File == "default.emsm").Active);
        var corrupt = listed.Models.Single(m => m.File == "corrupt.emsm");
        Assert.Null(corrupt.Id);
        Assert.Contains("corrupt.emsm: the file is corrupt", corrupt.Problem);
        Assert.DoesNotContain(folder, corrupt.Problem);
        var flat = listed.Models.Single(m => m.File == "flat.emsm");
        Assert.Null(flat.Problem);
        Assert.Equal(["audio", "text"], flat.Modalities);
        // The shipped file and its copy are one version under two names; the recalibrated copy is another version.
        Assert.Equal(started[started.IndexOf('@')..], listed.Models.Single(m => m.File == "shipped.emsm").Id![started.IndexOf('@')..]);
        Assert.NotEqual(started[started.IndexOf('#')..], flat.Id![flat.Id!.IndexOf('#')..]);

        Assert.Equal(HttpStatusCode.Forbidden, (await SwitchAsync(server, "flat.emsm", View)).StatusCode);
        var unknown = await RefusalAsync(await SwitchAsync(server, "missing.emsm", Ingest), HttpStatusCode.NotFound);
        Assert.Contains("no model 'missing.emsm' among the server's models (Models:Directory); available: default.emsm, alien.emsm", unknown);
        Assert.DoesNotContain(folder, unknown);
        Assert.Contains("model: expected a model's file name or id", await RefusalAsync(await SwitchAsync(server, "", Ingest), HttpStatusCode.BadRequest));
        var checksum = await RefusalAsync(await SwitchAsync(server, "corrupt.emsm", Ingest), HttpStatusCode.BadRequest);
        Assert.Contains($"the active model stays {started}: corrupt.emsm: the file is corrupt", checksum);
        var featurizer = await RefusalAsync(await SwitchAsync(server, "alien.emsm", Ingest), HttpStatusCode.BadRequest);
        Assert.Contains("alien.emsm: cannot rebuild its acoustic featurizer", featurizer);
        Assert.DoesNotContain(folder, featurizer);
        Assert.Equal(started, (await ModelsAsync(server)).Active);

        var before = await StartLiveAsync(server);
        using (var switched = await SwitchAsync(server, "flat.emsm", Ingest))
        {
            Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
            Assert.Equal(flat.Id, (await switched.Content.ReadFromJsonAsync<ModelList>(DashboardServer.Json))!.Active);
        }
        var after = await StartLiveAsync(server);

        // The same speech into both, the first session's only after the switch.
        var pcm = DashboardServer.Pcm16(AudioFileReader.Default.Read16kMono(Conversations.Write(_dir, "call.wav", turns: 3)));
        await Task.WhenAll(server.StreamPcmAsync(before, pcm, Ingest), server.StreamPcmAsync(after, pcm, Ingest));
        var first = await server.EndedAsync(before, Timeout);
        var second = await server.EndedAsync(after, Timeout);
        Assert.Equal(started, first.ModelId);
        Assert.Equal(flat.Id, second.ModelId);

        var kept = await server.Store.GetUtterancesAsync(before);
        var flattened = await server.Store.GetUtterancesAsync(after);
        Assert.NotEmpty(kept);
        Assert.Equal(kept.Select(u => (u.Start, u.End)), flattened.Select(u => (u.Start, u.End)));
        foreach (var (k, f) in kept.Zip(flattened))
        {
            Assert.Equal(k.Emotion, f.Emotion); // a temperature changes how sure, never which class
            Assert.True(k.Probabilities[k.Emotion] > f.Probabilities[f.Emotion] + 1e-3,
                $"utterance {k.Index}: {k.Probabilities[k.Emotion]:F4} with the model it started with, {f.Probabilities[f.Emotion]:F4} with the flat one");
        }
    }
}
