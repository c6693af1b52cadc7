using EmoStream.Dashboard.Tests.Support;
using EmoStream.Sessions.Tests.Support;
using EmoStream.EndToEnd.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EmoStream.EndToEnd.Tests;

/// <summary>The page on a host bound beyond loopback: it takes its token from the link once and sends it everywhere.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessTokenTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Ingest = "ingest-secret";
    private const string View = "view-secret";

    [SkippableFact]
    public async Task A_token_in_the_link_opens_the_api_the_hub_and_the_exports_and_a_view_token_cannot_upload()
    {
        Skip.If(fixture.Unavailable is not null, fixture.Unavailable);
        await using var server = await DashboardServer.StartAsync("0.0.0.0", ("Security:IngestToken", Ingest), ("Security:ViewToken", View));
        var recording = Conversations.Write(fixture.Directory, "token-call.wav", turns: 2);

        await using (var anonymous = await fixture.OpenAsync(server))
        {
            await anonymous.Page.GotoAsync("/");
            await Expect(anonymous.Page.Locator(".page-error")).ToContainTextAsync("this request needs the ViewToken or IngestToken");
            await anonymous.ScreenshotAsync("token-missing", output);
        }

        await using var tab = await fixture.OpenAsync(server);
        var page = tab.Page;
        await page.GotoAsync($"/?token={Ingest}");
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live"); // SignalR took the token too
        Assert.DoesNotContain(Ingest, page.Url); // taken out of the address bar, kept for the tab
        await page.Locator("#upload-form input[name=file]").SetInputFilesAsync(recording);
        await page.Locator("#upload-form input[value=fast]").CheckAsync();
        await page.Locator("#upload-form button[type=submit]").ClickAsync();
        var id = await tab.SessionIdAsync();
        await Expect(page.Locator(".session-head .status")).ToHaveTextAsync("completed", new() { Timeout = 60_000 });
        var stored = await server.Store.GetUtterancesAsync(id); // the store: the test's HTTP client has no token
        await Expect(page.Locator(".utterances .utterance")).ToHaveCountAsync(stored.Count);

        // Links cannot send headers: the export carries the token as access_token, and the server accepts it.
        var export = await page.Locator(".export-csv").GetAttributeAsync("href");
        Assert.EndsWith($"access_token={Ingest}", export);
        var response = await page.APIRequest.GetAsync(export!);
        Assert.Equal(200, response.Status);
        Assert.Equal(stored.Count + 1, (await response.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        tab.AssertNoScriptErrors();

        await using var viewer = await fixture.OpenAsync(server);
        await viewer.Page.GotoAsync($"/?token={View}");
        await Expect(viewer.Page.Locator($"tr[data-id='{id}'] .status")).ToHaveTextAsync("completed");
        await viewer.Page.Locator("#upload-form input[name=file]").SetInputFilesAsync(recording);
        await viewer.Page.Locator("#upload-form button[type=submit]").ClickAsync();
        await Expect(viewer.Page.Locator("#upload-form .error")).ToContainTextAsync("this request needs the IngestToken");
        Assert.DoesNotContain("#/sessions/", viewer.Page.Url); // still on the start page with the error
        viewer.AssertNoScriptErrors(provoked: "status of 403");
    }
}
