using System.Net;
using EmoStream.Dashboard.Security;
using EmoStream.Dashboard.Tests.Support;

namespace EmoStream.Dashboard.Tests.Web;

/// <summary>Whether tokens are needed is decided from the addresses the server bound, whatever configured them.</summary>
public sealed class ExposureGuardTests
{
    [Fact]
    public async Task Kestrel_endpoints_beyond_loopback_without_tokens_refuse_to_start_naming_the_bound_address()
    {
        // --urls says loopback; Kestrel's own configuration binds everywhere.
        var error = await Assert.ThrowsAsync<HostingConfigurationException>(() =>
            DashboardServer.StartAsync("127.0.0.1", ("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:0")));
        Assert.Contains("listening on http://0.0.0.0:", error.Message);
        Assert.Contains("Security:IngestToken and Security:ViewToken are not set", error.Message);
    }

    [Fact]
    public async Task Kestrel_endpoints_beyond_loopback_with_tokens_need_them_though_the_urls_say_loopback()
    {
        await using var server = await DashboardServer.StartAsync("127.0.0.1", ("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:0"),
            ("Security:IngestToken", "i-token"), ("Security:ViewToken", "v-token"));
        using var response = await server.Http.GetAsync("/api/sessions");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var health = await server.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_server_bound_to_loopback_needs_no_token()
    {
        await using var server = await DashboardServer.StartAsync("127.0.0.1", ("Security:IngestToken", "i-token"), ("Security:ViewToken", "v-token"));
        using var response = await server.Http.GetAsync("/api/sessions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
