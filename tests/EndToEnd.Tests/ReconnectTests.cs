using System.Globalization;
using System.Text.RegularExpressions;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.Sessions.Tests.Support;
using EmoStream.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EmoStream.EndToEnd.Tests;

/// <summary>The session view across a dropped connection: it reconnects and joins again from the last index it has.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task After_the_connection_drops_mid_session_the_view_catches_up_with_every_result_once()
    {
        Skip.If(fixture.Unavailable is not null, fixture.Unavailable);
        var id = await fixture.Server.UploadSessionAsync(Conversations.Write(fixture.Directory, "dropped.wav", turns: 4, pauseSeconds: 0.6), "realtime");
        await using var tab = await fixture.OpenAsync(fixture.Server);
        var page = tab.Page;

        // The hub's traffic goes through the test, which can cut it and refuse new connections for a while.
        var blocked = false;
        var sockets = new List<(IWebSocketRoute Page, IWebSocketRoute Server)>();
        await page.RouteAsync(new Regex("/hubs/sessions/negotiate"), route => blocked ? route.AbortAsync() : route.ContinueAsync());
        await page.RouteWebSocketAsync(new Regex("/hubs/sessions"), socket =>
        {
            if (blocked) socket.CloseAsync();
            else lock (sockets) sockets.Add((socket, socket.ConnectToServer()));
        });

        await page.GotoAsync($"/#/sessions/{id}");
        await Expect(page.Locator(".utterances .utterance[data-index='0']")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        blocked = true;
        (IWebSocketRoute Page, IWebSocketRoute Server)[] open;
        lock (sockets) open = [.. sockets];
        foreach (var (toPage, toServer) in open)
        {
            await toServer.CloseAsync();
            await toPage.CloseAsync(new() { Code = 4000, Reason = "dropped by the test" });
        }
        await Expect(page.Locator("#connection")).Not.ToHaveTextAsync("live");
        var before = await page.Locator(".utterances .utterance").CountAsync();
        await Task.Delay(TimeSpan.FromSeconds(5)); // results keep coming meanwhile: stored, not received
        blocked = false;
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = 30_000 });

        await Expect(page.Locator(".session-head .status")).ToHaveTextAsync("completed", new() { Timeout = 60_000 });
        var stored = (await fixture.Server.GetAsync(id)).Utterances;
        Assert.True(stored.Count > before, $"nothing was stored while the connection was down ({stored.Count} in all, {before} before)");
        var shown = await page.Locator(".utterances .utterance").EvaluateAllAsync<int[]>("rows => rows.map(r => Number(r.dataset.index))");
        Assert.Equal(Enumerable.Range(0, stored.Count), shown);
        await Expect(page.Locator(".session-head .count")).ToHaveTextAsync(stored.Count.ToString(CultureInfo.InvariantCulture));
        // The SignalR client logs the drop and the refused attempts as errors; the page itself raised none.
        tab.AssertNoScriptErrors(provoked: ["] Error: ", "Failed to load resource"]);
    }
}
