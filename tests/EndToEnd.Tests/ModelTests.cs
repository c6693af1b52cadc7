using System.Net.Http.Json;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.EndToEnd.Tests.Support;
using EmoStream.Sessions.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace EmoStream.EndToEnd.Tests;

/// <summary>The page names the model new sessions start with, and in each session the model that scored it, across a switch.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ModelTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task The_page_shows_the_active_model_and_the_model_that_scored_each_session()
    {
        Skip.If(fixture.Unavailable is not null, fixture.Unavailable);
        var folder = Directory.CreateDirectory(Path.Combine(fixture.Directory, "models")).FullName;
        ModelFiles.Flattened(Path.Combine(folder, "flat.emsm"));
        await using var server = await DashboardServer.StartAsync(settings: ("Models:Directory", folder));
        var started = server.Sessions.Model.Id;
        var scored = await server.UploadSessionAsync(Conversations.Write(fixture.Directory, "model-call.wav", turns: 2), "fast");
        await server.EndedAsync(scored, TimeSpan.FromSeconds(90));
        await using var tab = await fixture.OpenAsync(server);
        var page = tab.Page;

        await page.GotoAsync("/");
        await Expect(page.Locator(".active-model .model-id")).ToHaveTextAsync(started);

        var switched = await server.Http.PostAsJsonAsync("/api/models/active", new { model = "flat.emsm" });
        Assert.True(switched.IsSuccessStatusCode, await switched.Content.ReadAsStringAsync());
        Assert.NotEqual(started, server.Sessions.Model.Id);
        await page.ReloadAsync();
        await Expect(page.Locator(".active-model .model-id")).ToHaveTextAsync(server.Sessions.Model.Id);

        await page.Locator($"tr[data-id='{scored}'] a.source").ClickAsync();
        await Expect(page.Locator(".session-head .model")).ToHaveTextAsync(started);
        tab.AssertNoScriptErrors();
    }
}
