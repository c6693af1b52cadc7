using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using EmoStream.Dashboard.Security;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.Sessions.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace EmoStream.Dashboard.Tests.Web;

/// <summary>Beyond loopback the host refuses to start without tokens and refuses requests without the right one.</summary>
public sealed class AccessTokenTests
{
    private const string Ingest = "ingest-secret";
    private const string View = "view-secret";

    private static Task<DashboardServer> OffLoopback() =>
        DashboardServer.StartAsync("0.0.0.0", ("Security:IngestToken", Ingest), ("Security:ViewToken", View));

    private static async Task<HttpStatusCode> SendAsync(DashboardServer server, HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await server.Http.SendAsync(request);
        return response.StatusCode;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Listening_beyond_loopback_without_tokens_is_refused_naming_the_settings(string? viewToken)
    {
        var settings = viewToken is null ? [] : new[] { ("Security:ViewToken", viewToken) };
        var error = await Assert.ThrowsAsync<HostingConfigurationException>(() => DashboardServer.StartAsync("0.0.0.0", settings));
        Assert.Contains("Security:IngestToken and Security:ViewToken are not set", error.Message);
        Assert.Contains("EMOSTREAM_Security__IngestToken", error.Message);
    }

    [Fact]
    public async Task Serve_beyond_loopback_without_tokens_exits_with_the_message_and_no_stack_trace()
    {
        var run = await EmoStream.Cli.Tests.CliRunner.RunAsync(new Dictionary<string, string?> { ["Security:IngestToken"] = "only-one" },
            "serve", "--urls", "http://0.0.0.0:5999");
        Assert.Equal(EmoStream.Dashboard.Cli.ExitCodes.UserError, run.ExitCode);
        Assert.Contains("listening on http://0.0.0.0:5999 (beyond loopback) needs access tokens, but Security:ViewToken is not set", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Reads_need_a_token_control_and_ingest_need_the_ingest_token()
    {
        await using var server = await OffLoopback();
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, HttpMethod.Get, "/health", null));

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(server, HttpMethod.Get, "/api/sessions", null));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(server, HttpMethod.Get, "/api/sessions", "wrong"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, HttpMethod.Get, "/api/sessions", View));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, HttpMethod.Get, "/api/sessions?access_token=" + View, null));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(server, HttpMethod.Get, "/api/sessions", Ingest));

        var create = () => JsonContent.Create(new { format = "pcm16", sampleRate = 16000 });
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(server, HttpMethod.Post, "/api/sessions", null, create()));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(server, HttpMethod.Post, "/api/sessions", View, create()));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(server, HttpMethod.Delete, "/api/sessions/x", View));
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync(server, HttpMethod.Delete, "/api/sessions/x", Ingest));

        using var response = await server.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/sessions")
            { Content = create(), Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Ingest) } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<EmoStream.Dashboard.Api.SessionCreated>(DashboardServer.Json))!.Session.Id;

        // The ingest socket takes the ingest token only.
        using (var refused = new ClientWebSocket())
        {
            var error = await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(server.Ingest(id, View), CancellationToken.None));
            Assert.Contains("403", error.Message);
        }
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.Ingest(id, Ingest), CancellationToken.None);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public async Task The_hub_needs_a_token()
    {
        await using var server = await OffLoopback();
        await using var anonymous = server.Viewer();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);

        await using var viewer = server.Viewer(View);
        await viewer.StartAsync();
        Assert.Equal(HubConnectionState.Connected, viewer.State);
    }
}
