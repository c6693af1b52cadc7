using System.Globalization;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.EndToEnd.Tests.Support;
using EmoStream.Sessions.Storage;
using EmoStream.Sessions.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EmoStream.EndToEnd.Tests;

/// <summary>The wallboard in Chromium: many live calls as tiles, fed over the hub only, the call in alert first.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WallboardTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Slow = new() { Timeout = 90_000 };

    /// <summary>More than a supervisor's wall holds at once, so the board is exercised at the size the issue asks for.</summary>
    private const int QuietCalls = 50;

    [SkippableFact]
    public async Task Every_live_call_is_a_tile_updated_over_the_hub_without_polling_and_the_call_in_alert_comes_first()
    {
        Skip.If(fixture.Unavailable is not null, fixture.Unavailable);
        // Two utterances in a row of any emotion raise an alert, so the replayed call raises one whatever the model says.
        await using var server = await DashboardServer.StartAsync(settings:
        [
            ("Dashboard:Alerts:ConsecutiveUtterances", "2"), ("Dashboard:Alerts:Emotions:0", "happy"), ("Dashboard:Alerts:Emotions:1", "neutral"),
            ("Dashboard:Alerts:Emotions:2", "angry"), ("Dashboard:Alerts:Emotions:3", "sad"),
        ]);
        // Live calls waiting for audio: tiles without utterances or alerts.
        var quiet = new List<string>();
        for (var i = 0; i < QuietCalls - 1; i++)
            quiet.Add(await server.CreateLiveSessionAsync(new { format = "pcm16", sampleRate = 16000, speakers = new[] { "agent", "customer" } }));

        await using var tab = await fixture.OpenAsync(server);
        var page = tab.Page;
        await page.GotoAsync("/");
        await page.Locator(".wallboard-link").ClickAsync();
        await page.WaitForURLAsync("**/#/wallboard");
        var tiles = page.Locator(".tiles .tile");
        await Expect(tiles).ToHaveCountAsync(QuietCalls - 1);
        var polled = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/", StringComparison.Ordinal)) polled.Add(request.Url);
        };

        // Started after the board opened: only the hub can bring them.
        quiet.Add(await server.CreateLiveSessionAsync(new { format = "pcm16", sampleRate = 16000, speakers = new[] { "agent", "customer" } }));
        var id = await server.UploadSessionAsync(Conversations.Write(fixture.Directory, "wallboard-call.wav", turns: 4, pauseSeconds: 0.6), "realtime");
        await Expect(tiles).ToHaveCountAsync(QuietCalls + 1);
        var tile = page.Locator($".tile[data-id='{id}']");
        await Expect(tile).ToHaveAttributeAsync("data-alert", "true", Slow);
        await Expect(tiles.First).ToHaveAttributeAsync("data-id", id);
        await Expect(page.Locator(".alert-count")).ToHaveTextAsync("1 in alert");
        await Expect(page.Locator(".live-count")).ToHaveTextAsync($"{QuietCalls + 1} live calls");
        await Expect(tile.Locator(".tile-alert")).ToContainTextAsync("speaker:");
        await tab.ScreenshotAsync("wallboard", output);

        // Fixed-size tiles in a grid that fits the window: nothing jumps as results arrive, nothing scrolls sideways.
        Assert.Single((await tiles.EvaluateAllAsync<double[]>("ts => ts.map(t => t.getBoundingClientRect().height)")).Distinct());
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        // Once it ends, the tile shows what is stored: the speaker's last emotion with its probability, and its trend.
        await server.EndedAsync(id, TimeSpan.FromSeconds(90));
        await Expect(tile).ToHaveAttributeAsync("data-status", "completed", Slow);
        var stored = (await server.GetAsync(id)).Utterances;
        var last = stored[^1];
        await Expect(tile.Locator(".tile-speaker[data-speaker='speaker'] .tile-emotion"))
            .ToHaveTextAsync($"{last.Emotion} {Math.Round(last.Probabilities[last.Emotion] * 100, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)}%");
        Assert.Equal(stored.TakeLast(8).Select(u => u.Emotion),
            await tile.Locator(".tile-trend span").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.emotion)"));
        await Expect(page.Locator(".alert-count")).ToHaveTextAsync("none in alert");
        Assert.Equal("false", await page.Locator($".tile[data-id='{quiet[0]}']").GetAttributeAsync("data-alert"));

        // A call stopped elsewhere greys out on the board.
        (await server.Http.PostAsync($"/api/sessions/{quiet[0]}/stop", null)).EnsureSuccessStatusCode();
        await Expect(page.Locator($".tile[data-id='{quiet[0]}']")).ToHaveAttributeAsync("data-status", "stopped");
        Assert.True(polled.Count == 0, "the board asked the API: " + string.Join(", ", polled));
        tab.AssertNoScriptErrors();
    }
}
