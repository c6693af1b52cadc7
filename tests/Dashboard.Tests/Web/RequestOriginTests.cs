using System.Net;
using System.Net.WebSockets;
using EmoStream.Dashboard.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace EmoStream.Dashboard.Tests.Web;

/// <summary>
/// Another web page open in the operator's browser cannot drive a loopback server: requests from a foreign
/// <c>Origin</c> are refused on the REST API, the ingest WebSocket and the hub, and a loopback server answers only
/// loopback host names (no DNS rebinding).
/// </summary>
public sealed class RequestOriginTests
{
    private const string Foreign = "http://evil.example";

    private static async Task<HttpResponseMessage> SendAsync(DashboardServer server, HttpMethod method, string path, string? origin, string? host = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (host is not null) request.Headers.Host = host;
        if (method == HttpMethod.Post) request.Content = new StringContent("");
        return await server.Http.SendAsync(request);
    }

    [Fact]
    public async Task A_foreign_origin_is_refused_on_the_api_the_ingest_socket_and_the_hub()
    {
        await using var server = await DashboardServer.StartAsync();
        var id = await server.CreateLiveSessionAsync(new { format = "pcm16", sampleRate = 16000 });

        foreach (var (method, path) in new[] { (HttpMethod.Get, "/api/sessions"), (HttpMethod.Post, $"/api/sessions/{id}/stop"),
                     (HttpMethod.Post, "/api/sessions/replay"), (HttpMethod.Delete, $"/api/sessions/{id}"), (HttpMethod.Post, "/hubs/sessions/negotiate?negotiateVersion=1"),
                     (HttpMethod.Post, $"/api/sessions/{id}/utterances/0/corrections"), (HttpMethod.Get, $"/api/sessions/{id}/corrections") })
        {
            using var response = await SendAsync(server, method, path, Foreign);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("origin 'http://evil.example'", await response.Content.ReadAsStringAsync());
        }
        using (var socket = new ClientWebSocket())
        {
            socket.Options.SetRequestHeader("Origin", Foreign);
            var error = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(server.Ingest(id), CancellationToken.None));
            Assert.Contains("403", error.Message);
        }
        await using (var hub = new HubConnectionBuilder().WithUrl(new Uri(server.Address, "/hubs/sessions"), o => o.Headers["Origin"] = Foreign).Build())
        {
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
            Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        }
        // The session was neither stopped nor deleted, and its ingest slot is still free.
        Assert.Equal(EmoStream.Sessions.Storage.SessionStatus.Running, (await server.GetAsync(id)).Session.Status);
        using var own = new ClientWebSocket();
        await own.ConnectAsync(server.Ingest(id), CancellationToken.None);
        await own.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public async Task The_servers_own_origin_and_listed_origins_are_accepted()
    {
        await using var server = await DashboardServer.StartAsync("127.0.0.1", ("Security:AllowedOrigins:0", "https://console.example"));
        var own = $"http://127.0.0.1:{server.Address.Port}";
        foreach (var origin in new[] { own, "https://console.example", "HTTPS://Console.Example/" })
        {
            using var response = await SendAsync(server, HttpMethod.Get, "/api/sessions", origin);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{origin}: {response.StatusCode}");
        }
        foreach (var origin in new[] { "null", "http://127.0.0.1:1", "https://console.example.evil" })
        {
            using var response = await SendAsync(server, HttpMethod.Get, "/api/sessions", origin);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{origin}: {response.StatusCode}");
        }
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(server.Address, "/hubs/sessions"), o => o.Headers["Origin"] = own).Build();
        await hub.StartAsync();
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task A_loopback_server_answers_only_loopback_host_names()
    {
        await using var server = await DashboardServer.StartAsync();
        var port = server.Address.Port;
        using (var rebound = await SendAsync(server, HttpMethod.Get, "/api/sessions", null, $"attacker.example:{port}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, rebound.StatusCode);
            Assert.Contains("host 'attacker.example'", await rebound.Content.ReadAsStringAsync());
        }
        // Same-origin from the rebound name passes the Origin check; the host check is what stops it.
        using (var rebound = await SendAsync(server, HttpMethod.Post, "/api/sessions/replay", $"http://attacker.example:{port}", $"attacker.example:{port}"))
            Assert.Equal(HttpStatusCode.BadRequest, rebound.StatusCode);
        foreach (var host in new[] { $"localhost:{port}", $"127.0.0.1:{port}", $"[::1]:{port}", $"LOCALHOST:{port}" })
        {
            using var response = await SendAsync(server, HttpMethod.Get, "/api/sessions", null, host);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{host}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task AllowedHosts_overrides_the_loopback_names()
    {
        await using var server = await DashboardServer.StartAsync("127.0.0.1", ("AllowedHosts", "dashboard.internal;*.corp.example"));
        var port = server.Address.Port;
        using (var listed = await SendAsync(server, HttpMethod.Get, "/api/sessions", null, $"emo.corp.example:{port}"))
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        using (var other = await SendAsync(server, HttpMethod.Get, "/api/sessions", null, $"127.0.0.1:{port}"))
            Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
    }
}
