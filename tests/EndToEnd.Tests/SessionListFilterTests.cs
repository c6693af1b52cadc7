using System.Net.Http.Json;
using EmoStream.Dashboard.Api;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EmoStream.EndToEnd.Tests;

/// <summary>The session list's filters and pages in Chromium: what the page lists is what the server's search answers.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionListFilterTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task The_session_list_pages_and_filters_on_the_server_and_shows_new_matching_sessions_live()
    {
        Skip.If(fixture.Unavailable is not null, fixture.Unavailable);
        await using var server = await DashboardServer.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
            ids.Add(await server.CreateLiveSessionAsync(new { format = "pcm16", sampleRate = 16000, speakers = new[] { i % 2 == 0 ? "alice" : "bob" } }));
        foreach (var id in ids.Take(3)) (await server.Http.PostAsync($"/api/sessions/{id}/stop", null)).EnsureSuccessStatusCode();

        await using var tab = await fixture.OpenAsync(server);
        var page = tab.Page;
        await page.GotoAsync("/");
        var rows = page.Locator("table.sessions tbody tr");
        await Expect(page.Locator(".pager .range")).ToHaveTextAsync("1–12 of 12");
        await page.Locator(".pager select").SelectOptionAsync("10");
        await Expect(page.Locator(".pager .range")).ToHaveTextAsync("1–10 of 12");
        await AssertListedAsync(page, server, "?limit=10");
        await page.Locator(".pager .next").ClickAsync();
        await Expect(page.Locator(".pager .range")).ToHaveTextAsync("11–12 of 12");
        Assert.Equal(ids.Take(2).Reverse(), await IdsAsync(rows));
        await Expect(page.Locator(".pager .next")).ToBeDisabledAsync();

        // Filters go back to the first page and list what the server selects.
        await page.Locator(".filters select[name=status]").SelectOptionAsync("stopped");
        await Expect(page.Locator(".pager .range")).ToHaveTextAsync("1–3 of 3");
        Assert.Equal(ids.Take(3).Reverse(), await IdsAsync(rows));
        await page.Locator(".filters input[name=speaker]").FillAsync("Alice");
        await Expect(page.Locator(".pager .range")).ToHaveTextAsync("1–2 of 2");
        await AssertListedAsync(page, server, "?limit=10&status=stopped&speaker=Alice");
        await page.Locator(".filters select[name=alert]").SelectOptionAsync("true");
        await Expect(page.Locator(".empty")).ToHaveTextAsync("No sessions match these filters.");
        await Expect(rows).ToHaveCountAsync(0);
        await tab.ScreenshotAsync("session-list-filtered", output);

        // Running sessions of bob: a new one appears without reloading the page.
        await page.Locator(".filters select[name=alert]").SelectOptionAsync("");
        await page.Locator(".filters select[name=status]").SelectOptionAsync("running");
        await page.Locator(".filters input[name=speaker]").FillAsync("bob");
        await Expect(page.Locator(".pager .range")).ToHaveTextAsync("1–5 of 5");
        var fresh = await server.CreateLiveSessionAsync(new { format = "pcm16", sampleRate = 16000, speakers = new[] { "bob" } });
        await Expect(page.Locator(".pager .range")).ToHaveTextAsync("1–6 of 6");
        await Expect(rows.First).ToHaveAttributeAsync("data-id", fresh);
        tab.AssertNoScriptErrors();
    }

    private static Task<string[]> IdsAsync(ILocator rows) => rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)");

    private static async Task AssertListedAsync(IPage page, DashboardServer server, string query)
    {
        var answer = (await server.Http.GetFromJsonAsync<SessionSearch.Answer>("/api/sessions/search" + query, DashboardServer.Json))!;
        Assert.Equal(answer.Sessions.Select(s => s.Session.Id), await IdsAsync(page.Locator("table.sessions tbody tr")));
    }
}
