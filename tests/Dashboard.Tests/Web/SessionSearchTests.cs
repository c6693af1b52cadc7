using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EmoStream.Dashboard.Api;
using EmoStream.Dashboard.Hosting;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.Sessions.Storage;
using EmoStream.Sessions.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EmoStream.Dashboard.Tests.Web;

/// <summary>The session list's filters and paging through the API, and retention deleting old audio, then old sessions.</summary>
public sealed class SessionSearchTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-search-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Search_filters_and_pages_on_the_server_and_names_a_bad_parameter()
    {
        await using var server = await DashboardServer.StartAsync();
        var ids = new List<string>();
        foreach (var speaker in new[] { "alice", "bob", "carol" })
            ids.Add(await server.CreateLiveSessionAsync(new { format = "pcm16", sampleRate = 16000, speakers = new[] { speaker } }));
        (await server.Http.PostAsync($"/api/sessions/{ids[1]}/stop", null)).EnsureSuccessStatusCode();

        var all = await SearchAsync(server, "");
        Assert.Equal((3, 0, 50), (all.Total, all.Offset, all.Limit));
        Assert.Equal(ids.AsEnumerable().Reverse(), all.Sessions.Select(s => s.Session.Id)); // newest first
        var second = await SearchAsync(server, "?limit=2&offset=2");
        Assert.Equal(3, second.Total);
        Assert.Equal([ids[0]], second.Sessions.Select(s => s.Session.Id));
        Assert.Equal([ids[1]], (await SearchAsync(server, "?status=stopped,completed")).Sessions.Select(s => s.Session.Id));
        Assert.Equal([ids[2]], (await SearchAsync(server, "?speaker=CAROL&status=running")).Sessions.Select(s => s.Session.Id));
        Assert.Equal(0, (await SearchAsync(server, "?from=2999-01-01")).Total);
        Assert.Equal(3, (await SearchAsync(server, $"?to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}&alert=false")).Total);

        foreach (var (query, field, says) in new[]
        {
            ("?status=done", "status", "got 'done'"), ("?from=yesterday", "from", "ISO 8601"), ("?emotion=bored", "emotion", "expected one of happy, neutral, angry, sad"),
            ("?alert=maybe", "alert", "got 'maybe'"), ("?limit=0", "limit", "from 1 to 500"), ("?offset=-1", "offset", "0 or more"),
        })
        {
            var response = await server.Http.GetAsync("/api/sessions/search" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Contains(says, (string)problem["errors"]![field]![0]!);
        }
    }

    [Fact]
    public async Task Retention_deletes_the_audio_of_old_sessions_first_then_the_sessions_with_their_features_and_corrections_and_viewers_see_them_go()
    {
        await using var server = await DashboardServer.StartAsync(settings:
        [
            ("Storage:StoreAudio", "true"), ("Storage:Retention:Days", "30"), ("Storage:Retention:AudioDays", "7"),
        ]);
        var id = await server.UploadSessionAsync(Conversations.Write(_dir, "call.wav", turns: 2), "fast");
        Assert.Equal(SessionStatus.Completed, (await server.EndedAsync(id, Timeout)).Status);
        var stored = await server.Store.GetUtterancesAsync(id);
        Assert.NotEmpty(stored);
        Assert.NotNull(await server.Store.GetUtteranceAudioAsync(id, 0));
        Assert.Equal(stored.Count, (await server.Store.GetFeaturesAsync(id)).Count); // kept by default
        await server.Sessions.Corrections.CorrectAsync(id, 0, "sad", "alice");
        await using var viewer = server.Viewer();
        var deleted = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        viewer.On<string>("SessionDeleted", deleted.SetResult);
        await viewer.StartAsync();
        await viewer.InvokeAsync<object>("WatchSessions");

        var sweep = server.Services.GetRequiredService<RetentionSweep>();
        var now = DateTimeOffset.UtcNow;
        Assert.Equal((0, 0), await sweep.SweepAsync(now.AddDays(6)));
        Assert.Equal((0, stored.Count), await sweep.SweepAsync(now.AddDays(8)));
        Assert.Null(await server.Store.GetUtteranceAudioAsync(id, 0));
        Assert.Equal(stored.Count, (await server.Store.GetUtterancesAsync(id)).Count); // scores and transcripts stay
        Assert.Equal(stored.Count, (await server.Store.GetFeaturesAsync(id)).Count); // and features: AudioDays is about audio
        Assert.Single(await server.Store.GetCorrectionsAsync(id));

        Assert.Equal((1, 0), await sweep.SweepAsync(now.AddDays(31)));
        Assert.Null(await server.Store.GetSessionAsync(id));
        Assert.Empty(await server.Store.GetFeaturesAsync(id)); // personal data goes with its session
        Assert.Empty(await server.Store.GetCorrectionsAsync(id));
        Assert.Equal(id, await deleted.Task.WaitAsync(Timeout));
    }

    private static async Task<SessionSearch.Answer> SearchAsync(DashboardServer server, string query) =>
        (await server.Http.GetFromJsonAsync<SessionSearch.Answer>("/api/sessions/search" + query, DashboardServer.Json))!;
}
