using EmoStream.Sessions.Pipeline;
using Microsoft.Extensions.Options;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EmoStream.Dashboard.Api;
using EmoStream.Dashboard.Security;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.Sessions.Tests.Support;
using EmoStream.Transcribe;

namespace EmoStream.Dashboard.Tests.Web;

/// <summary>The web page's files and its settings endpoint, as the host serves them (the browser itself: tests/EndToEnd.Tests).</summary>
public sealed class WebPageTests
{
    [Fact]
    public async Task The_page_its_modules_and_its_npm_libraries_are_served_from_the_host()
    {
        await using var server = await DashboardServer.StartAsync();

        using var page = await server.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<title>EmoStream</title>", html);
        Assert.Contains("acted speech", html); // the page says what the model learnt from
        Assert.Equal("no-cache", page.Headers.CacheControl!.ToString());

        foreach (var (path, type, content) in new[]
        {
            ("/js/app.js", "text/javascript", "import"),
            ("/js/pcm16-worklet.js", "text/javascript", "registerProcessor('pcm16-encoder'"),
            ("/css/app.css", "text/css", "--radius"),
            ("/lib/signalr/signalr.min.js", "text/javascript", "HubConnectionBuilder"), // from npm at set-up (50-web-assets.sh)
            ("/lib/uplot/uPlot.esm.js", "text/javascript", "export"),
        })
        {
            using var response = await server.Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            Assert.Contains(content, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_settings_endpoint_gives_the_models_classes_and_the_configured_alert_rule()
    {
        await using (var defaults = await DashboardServer.StartAsync())
        {
            var settings = (await defaults.Http.GetFromJsonAsync<UiSettings>("/api/settings/ui", DashboardServer.Json))!;
            Assert.Equal(["happy", "neutral", "angry", "sad"], settings.Classes);
            Assert.StartsWith("default.emsm@", settings.ModelId);
            Assert.Equal(TranscriptionEngine.None, settings.TranscriptionEngine);
            Assert.Equal(3, settings.Alerts.ConsecutiveUtterances);
            Assert.Equal(["angry", "sad"], settings.Alerts.Emotions ?? []);
        }

        // A configured list replaces the default (the binder would append it to an initial value); laid over
        // appsettings.json's ["angry", "sad"] item by item, "sad" at 0 makes ["sad", "sad"], which counts once.
        await using var configured = await DashboardServer.StartAsync(settings:
            [("Dashboard:Alerts:ConsecutiveUtterances", "2"), ("Dashboard:Alerts:Emotions:0", "sad")]);
        var rule = (await configured.Http.GetFromJsonAsync<UiSettings>("/api/settings/ui", DashboardServer.Json))!.Alerts;
        Assert.Equal(2, rule.ConsecutiveUtterances);
        Assert.Equal(["sad"], rule.Emotions ?? []);
    }

    [Theory]
    [InlineData("Dashboard:Alerts:ConsecutiveUtterances", "0", "Dashboard:Alerts:ConsecutiveUtterances is 0; expected 1 or more")]
    [InlineData("Dashboard:Alerts:Emotions:0", "furious",
        "Dashboard:Alerts:Emotions names 'furious', which the model does not predict; expected one or more of happy, neutral, angry, sad")]
    public async Task An_alert_rule_the_model_cannot_meet_stops_the_host_naming_the_setting(string key, string value, string message)
    {
        // The rule alone is checked with every other setting when the host starts; against the model's classes once it is loaded.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => DashboardServer.StartAsync(settings: [(key, value)]));
        Assert.True(error is OptionsValidationException or PipelineConfigurationException, error.GetType().Name);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task Beyond_loopback_the_page_loads_without_a_token_and_its_settings_need_one()
    {
        await using var server = await DashboardServer.StartAsync("0.0.0.0", ("Security:IngestToken", "ingest-secret"), ("Security:ViewToken", "view-secret"));
        using (var page = await server.Http.GetAsync("/"))
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using (var library = await server.Http.GetAsync("/lib/signalr/signalr.min.js"))
            Assert.Equal(HttpStatusCode.OK, library.StatusCode);
        using (var anonymous = await server.Http.GetAsync("/api/settings/ui"))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/settings/ui");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "view-secret");
        using var viewer = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, viewer.StatusCode);
    }
}
