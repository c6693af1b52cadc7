using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EmoStream.Sessions.Tests.Support;
using EmoStream.Dashboard.Api;
using EmoStream.Dashboard.Hosting;
using EmoStream.Sessions;
using EmoStream.Sessions.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmoStream.Dashboard.Tests.Support;

/// <summary>
/// The real dashboard host (Kestrel on a free port, the shipped model, no transcription, its own database) for
/// HTTP, WebSocket and SignalR clients. Listening on 0.0.0.0 makes it a host bound beyond loopback.
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = WebHost.UseStringEnums(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private readonly string _dir;
    private readonly SessionRegistry _pipelines;
    private readonly WebApplication _app;

    private DashboardServer(string dir, SessionRegistry pipelines, WebApplication app, Uri address)
    {
        _dir = dir;
        _pipelines = pipelines;
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    /// <summary>The server's <c>Storage:DataDirectory</c> (its SQLite database), for verbs run beside it.</summary>
    public string DataDirectory => Path.Combine(_dir, "data");

    public ISessionStore Store => _pipelines.Store;

    public SessionRegistry Sessions => _pipelines;

    /// <summary>The host's services (its endpoints, options).</summary>
    public IServiceProvider Services => _app.Services;

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Streaming.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Streaming.sln above {AppContext.BaseDirectory}");
    }

    public static async Task<DashboardServer> StartAsync(string listen = "127.0.0.1", params (string Key, string Value)[] settings)
    {
        var dir = Directory.CreateTempSubdirectory("emostream-web-").FullName;
        var configuration = PipelineConfiguration.Create(Path.Combine(dir, "data"), "none", settings);
        var pipelines = await SessionRegistry.CreateAsync(configuration, Path.Combine(RepoRoot(), "models", "default.emsm"), NullLoggerFactory.Instance);
        WebApplication app;
        try
        {
            app = WebHost.Build(configuration, $"http://{listen}:0", pipelines);
            await WebHost.StartAsync(app);
        }
        catch
        {
            await pipelines.DisposeAsync();
            throw;
        }
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new DashboardServer(dir, pipelines, app, new Uri($"http://127.0.0.1:{bound.Port}"));
    }

    public HubConnection Viewer(string? token = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Address, WebHost.HubPath), o => o.AccessTokenProvider = () => Task.FromResult(token))
            .AddJsonProtocol(o => WebHost.UseStringEnums(o.PayloadSerializerOptions))
            .Build();

    public Uri Ingest(string sessionId, string? token = null) =>
        new($"ws://127.0.0.1:{Address.Port}/api/sessions/{sessionId}/ingest{(token is null ? "" : "?access_token=" + token)}");

    public async Task<HttpResponseMessage> UploadAsync(string path, string pacing, string? token = null)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(path)), "file", Path.GetFileName(path));
        form.Add(new StringContent(pacing), "pacing");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions/replay") { Content = form };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.SendAsync(request);
    }

    public async Task<string> UploadSessionAsync(string path, string pacing)
    {
        var response = await UploadAsync(path, pacing);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SessionCreated>(Json))!.Session.Id;
    }

    /// <summary>Creates a live session through the API (<paramref name="body"/> as <c>POST /api/sessions</c> takes it) and returns its id.</summary>
    public async Task<string> CreateLiveSessionAsync(object body)
    {
        var response = await Http.PostAsJsonAsync("/api/sessions", body);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<SessionCreated>(Json))!;
        Assert.Equal($"/api/sessions/{created.Session.Id}/ingest", created.Ingest);
        return created.Session.Id;
    }

    /// <summary>Sends <paramref name="pcm"/> to a live session's ingest socket in 0.1 s messages, then closes it normally.</summary>
    public async Task StreamPcmAsync(string id, byte[] pcm, string? token = null)
    {
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        await socket.ConnectAsync(Ingest(id, token), CancellationToken.None);
        for (var at = 0; at < pcm.Length; at += 3200)
            await socket.SendAsync(pcm.AsMemory(at, Math.Min(3200, pcm.Length - at)), System.Net.WebSockets.WebSocketMessageType.Binary, true, CancellationToken.None);
        await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "done", new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);
    }

    /// <summary>Samples in [-1, 1] as the 16-bit little-endian PCM a browser sends to the ingest socket.</summary>
    public static byte[] Pcm16(float[] samples)
    {
        var pcm = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
            BitConverter.TryWriteBytes(pcm.AsSpan(2 * i), (short)Math.Clamp(samples[i] * 32767f, short.MinValue, short.MaxValue));
        return pcm;
    }

    public async Task<SessionDetail> GetAsync(string id) => (await Http.GetFromJsonAsync<SessionDetail>($"/api/sessions/{id}", Json))!;

    /// <summary>Waits until the session has ended (stored status other than running).</summary>
    public async Task<SessionRecord> EndedAsync(string id, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var session = await Store.GetSessionAsync(id, cts.Token);
            if (session is { Status: not SessionStatus.Running }) return session;
            await Task.Delay(50, cts.Token);
        }
    }

    /// <summary>Stops the web host as a shutdown does (its store stays readable until disposal).</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _pipelines.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
