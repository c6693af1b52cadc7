using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using EmoStream.Dashboard.Security;
using EmoStream.Dashboard.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EmoStream.Dashboard.Tests.Web;

/// <summary>
/// The access a request needs is its routed endpoint's, whatever the path's spelling: every endpoint (REST, ingest
/// socket, hub, health) under path variants (case, trailing slash, encoded separators, doubled slashes) with each token
/// (view, review, ingest; in the header and in the query).
/// </summary>
public sealed class EndpointAuthorizationTests
{
    private const string Ingest = "ingest-secret";
    private const string View = "view-secret";
    private const string Review = "review-secret";

    private static Task<DashboardServer> OffLoopback() =>
        DashboardServer.StartAsync("0.0.0.0", ("Security:IngestToken", Ingest), ("Security:ViewToken", View), ("Security:ReviewTokens:alice", Review));

    /// <summary>Method, path as sent, and the policy of the endpoint routing selects for it (null: open).</summary>
    public static readonly (string Method, string Path, string? Needs)[] Matrix =
    [
        ("GET", "/api/sessions", AccessPolicies.View),
        ("GET", "/API/Sessions", AccessPolicies.View),
        ("GET", "/api/sessions/", AccessPolicies.View),
        ("POST", "/api/sessions", AccessPolicies.Ingest),
        ("POST", "/API/SESSIONS/", AccessPolicies.Ingest),
        ("POST", "/api/sessions/replay", AccessPolicies.Ingest),
        ("POST", "/api/Sessions/REPLAY/", AccessPolicies.Ingest),
        ("GET", "/api/sessions/search?status=running", AccessPolicies.View),
        ("GET", "/api/sessions/x", AccessPolicies.View),
        ("GET", "/api/sessions/x/", AccessPolicies.View),
        ("GET", "/api/sessions/x/export.json", AccessPolicies.View),
        ("GET", "/API/sessions/x/EXPORT.JSON/", AccessPolicies.View),
        ("GET", "/api/sessions/x/export.csv", AccessPolicies.View),
        ("GET", "/api/sessions/x/Export.Csv", AccessPolicies.View),
        ("GET", "/api/sessions/x/metrics", AccessPolicies.View),
        ("GET", "/api/sessions/x/metrics.csv", AccessPolicies.View),
        ("POST", "/api/sessions/x/stop", AccessPolicies.Ingest),
        ("POST", "/api/sessions/x/STOP/", AccessPolicies.Ingest),
        ("POST", "/api/sessions/x%2Fstop", AccessPolicies.Ingest), // no such endpoint (405): the fallback needs ingest
        ("DELETE", "/api/sessions/x", AccessPolicies.Ingest),
        ("DELETE", "/API/SESSIONS/x/", AccessPolicies.Ingest),
        ("GET", "/api/sessions/x/ingest", AccessPolicies.Ingest),
        ("GET", "/api/sessions/x/INGEST", AccessPolicies.Ingest),
        ("GET", "/api/sessions/x/ingest/", AccessPolicies.Ingest),
        ("GET", "/api/sessions/x/Ingest/", AccessPolicies.Ingest),
        ("POST", "/api/sessions/x/ingest", AccessPolicies.Ingest),
        ("GET", "/api/sessions/x%2Fingest", AccessPolicies.View), // one segment: the session "x/ingest", a read
        ("GET", "/api/sessions/x%2fINGEST/", AccessPolicies.View),
        ("GET", "//api/sessions/x/ingest", AccessPolicies.Ingest), // routes nowhere: the fallback needs ingest
        ("GET", "/api/nothing-here", AccessPolicies.Ingest),
        ("GET", "/api/settings/ui", AccessPolicies.View),
        ("GET", "/api/notifications/deliveries", AccessPolicies.View),
        ("GET", "/api/models", AccessPolicies.View),
        ("GET", "/API/Models/", AccessPolicies.View),
        ("POST", "/api/models/active", AccessPolicies.Ingest),
        ("POST", "/api/MODELS/Active/", AccessPolicies.Ingest),
        ("POST", "/api/models%2Factive", AccessPolicies.Ingest), // no such endpoint: the fallback needs ingest
        ("GET", "/API/SETTINGS/UI/", AccessPolicies.View),
        ("POST", "/api/sessions/x/utterances/0/corrections", AccessPolicies.Review),
        ("POST", "/API/Sessions/x/UTTERANCES/0/Corrections/", AccessPolicies.Review),
        ("POST", "/api/sessions/x/utterances/0%2Fcorrections", AccessPolicies.Ingest), // routes nowhere: the fallback needs ingest
        ("POST", "/api/sessions/x/utterances/first/corrections", AccessPolicies.Ingest), // not an index: routes nowhere
        ("GET", "/api/sessions/x/utterances/0/corrections", AccessPolicies.Ingest), // no such method (405): the fallback
        ("GET", "/api/sessions/x/corrections", AccessPolicies.View),
        ("GET", "/api/sessions/x/CORRECTIONS/", AccessPolicies.View),
        ("POST", "/api/sessions/x/corrections", AccessPolicies.Ingest), // no such method (405): the fallback
        ("POST", "/hubs/sessions/negotiate?negotiateVersion=1", AccessPolicies.View),
        ("POST", "/HUBS/Sessions/negotiate/?negotiateVersion=1", AccessPolicies.View),
        ("GET", "/hubs/sessions", AccessPolicies.View),
        ("GET", "/health", null),
        ("GET", "/HEALTH/", null),
    ];

    private enum Presented { None, Wrong, ViewHeader, ViewQuery, ReviewHeader, ReviewQuery, IngestHeader, IngestQuery }

    [Fact]
    public async Task Every_endpoint_and_path_variant_answers_each_token_as_its_routed_endpoint_requires()
    {
        await using var server = await OffLoopback();
        var wrong = new List<string>();
        foreach (var (method, path, needs) in Matrix)
        foreach (var presented in Enum.GetValues<Presented>())
        {
            var (status, contentType) = await SendAsync(server, method, path, presented);
            var expected = Expected(needs, presented);
            var ok = expected switch
            {
                HttpStatusCode.OK => status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                _ => status == expected && contentType == "application/problem+json",
            };
            if (!ok) wrong.Add($"{method} {path} with {presented}: {(int)status} {contentType}, expected {(expected == HttpStatusCode.OK ? "no refusal" : $"{(int)expected} problem details")}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>OK stands for "not refused".</summary>
    private static HttpStatusCode Expected(string? needs, Presented presented) => (needs, presented) switch
    {
        (null, _) => HttpStatusCode.OK,
        (_, Presented.None or Presented.Wrong) => HttpStatusCode.Unauthorized,
        (AccessPolicies.Ingest or AccessPolicies.Review, Presented.ViewHeader or Presented.ViewQuery) => HttpStatusCode.Forbidden,
        (AccessPolicies.Ingest, Presented.ReviewHeader or Presented.ReviewQuery) => HttpStatusCode.Forbidden,
        _ => HttpStatusCode.OK,
    };

    private static async Task<(HttpStatusCode, string?)> SendAsync(DashboardServer server, string method, string path, Presented presented)
    {
        var token = presented switch
        {
            Presented.Wrong => "not-a-token",
            Presented.ViewHeader or Presented.ViewQuery => View,
            Presented.ReviewHeader or Presented.ReviewQuery => Review,
            Presented.IngestHeader or Presented.IngestQuery => Ingest,
            _ => null,
        };
        var inQuery = presented is Presented.ViewQuery or Presented.ReviewQuery or Presented.IngestQuery;
        if (inQuery) path += (path.Contains('?') ? "&" : "?") + TokenAuthentication.QueryParameter + "=" + token;
        // The path exactly as written (HttpClient would otherwise clean up "//" and escapes).
        var uri = new Uri($"http://127.0.0.1:{server.Address.Port}{path}", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (token is not null && !inQuery)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (method == "POST") request.Content = new StringContent("");
        using var response = await server.Http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Every_routed_endpoint_names_its_access_and_only_health_is_open()
    {
        await using var server = await OffLoopback();
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToArray();
        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var route = endpoint.RoutePattern.RawText;
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                Assert.Equal("/health", route);
                continue;
            }
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToArray();
            Assert.True(policies.Length > 0 && policies.All(p => p is AccessPolicies.View or AccessPolicies.Review or AccessPolicies.Ingest),
                $"{route} ({endpoint.DisplayName}) names no access policy");
        }
    }

    [Fact]
    public async Task A_review_token_cannot_take_an_ingest_socket()
    {
        await using var server = await OffLoopback();
        var id = await CreateLiveAsync(server);
        using var refused = new ClientWebSocket();
        var error = await Assert.ThrowsAsync<WebSocketException>(() =>
            refused.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Address.Port}/api/sessions/{id}/ingest?access_token={Review}"), CancellationToken.None));
        Assert.Contains("403", error.Message);
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("INGEST")]
    [InlineData("ingest/")]
    [InlineData("Ingest/")]
    public async Task A_view_token_cannot_take_a_live_sessions_ingest_socket_whatever_the_spelling(string last)
    {
        await using var server = await OffLoopback();
        var id = await CreateLiveAsync(server);
        var uri = new Uri($"ws://127.0.0.1:{server.Address.Port}/api/sessions/{id}/{last}?access_token={View}");
        using (var refused = new ClientWebSocket())
        {
            var error = await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(uri, CancellationToken.None));
            Assert.Contains("403", error.Message);
        }
        // The slot is still free for the ingest token.
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(uri.ToString().Replace(View, Ingest, StringComparison.Ordinal)), CancellationToken.None);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Theory]
    [InlineData("/hubs/sessions")]
    [InlineData("/HUBS/SESSIONS")]
    [InlineData("/hubs/sessions/")]
    public async Task The_hub_takes_the_view_review_and_ingest_tokens_and_refuses_none_whatever_the_spelling(string path)
    {
        await using var server = await OffLoopback();
        foreach (var token in new[] { View, Review, Ingest })
        {
            await using var viewer = HubAt(server, path, token);
            await viewer.StartAsync();
            Assert.Equal(HubConnectionState.Connected, viewer.State);
        }
        foreach (var token in new[] { null, "not-a-token" })
        {
            await using var anonymous = HubAt(server, path, token);
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        }
    }

    private static HubConnection HubAt(DashboardServer server, string path, string? token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(server.Address, path), o => o.AccessTokenProvider = () => Task.FromResult(token))
            .Build();

    private static async Task<string> CreateLiveAsync(DashboardServer server)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { format = "pcm16", sampleRate = 16000 }),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Ingest) },
        };
        using var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<EmoStream.Dashboard.Api.SessionCreated>(response.Content, DashboardServer.Json))!.Session.Id;
    }
}
