using System.Text.Json.Nodes;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.EndToEnd.Tests.Support;
using EmoStream.Sessions.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EmoStream.EndToEnd.Tests;

/// <summary>
/// A reviewer corrects utterances in the session view; a viewer with the page open sees the corrections arrive, the
/// API and the export carry them, and the model's answer stays as it was.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CorrectionTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Ingest = "ingest-secret";
    private const string View = "view-secret";
    private const string Alice = "alice-secret";

    [SkippableFact]
    public async Task A_reviewers_correction_shows_live_to_a_viewer_and_in_the_api_and_export_beside_the_unchanged_answer()
    {
        Skip.If(fixture.Unavailable is not null, fixture.Unavailable);
        await using var server = await DashboardServer.StartAsync("0.0.0.0", ("Security:IngestToken", Ingest), ("Security:ViewToken", View),
            ("Security:ReviewTokens:alice", Alice));
        var upload = await server.UploadAsync(Conversations.Write(fixture.Directory, "correction-call.wav", turns: 2), "fast", Ingest);
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<EmoStream.Dashboard.Api.SessionCreated>(upload.Content, DashboardServer.Json))!.Session.Id;
        await server.EndedAsync(id, TimeSpan.FromSeconds(90));
        var stored = await server.Store.GetUtterancesAsync(id);
        Assert.NotEmpty(stored);
        var target = stored[0];
        var correction = server.Sessions.Model.Classes.First(c => c != target.Emotion);

        await using var viewer = await fixture.OpenAsync(server);
        await OpenSessionAsync(viewer.Page, View, id, stored.Count);
        await Expect(viewer.Page.Locator(".utterance .correct")).ToHaveCountAsync(0); // a view token may not correct: no control
        await using var reviewer = await fixture.OpenAsync(server);
        await OpenSessionAsync(reviewer.Page, Alice, id, stored.Count);

        // By keyboard: choose in the row's select, Tab to its button, Enter.
        var row = reviewer.Page.Locator($".utterance[data-index='{target.Index}']");
        var select = row.Locator(".correct select");
        await Expect(select).ToHaveValueAsync(target.Emotion); // starts at the model's answer
        await select.FocusAsync();
        await select.SelectOptionAsync(correction);
        await reviewer.Page.Keyboard.PressAsync("Tab");
        await Expect(row.Locator(".correct button")).ToBeFocusedAsync();
        await reviewer.Page.Keyboard.PressAsync("Enter");
        await Expect(row.Locator(".correction .emotion")).ToHaveTextAsync(correction);
        await Expect(row.Locator(".correction .author")).ToHaveTextAsync("by alice");

        // The viewer's page, open all along, shows it without a reload, and the model's answer beside it.
        var seen = viewer.Page.Locator($".utterance[data-index='{target.Index}']");
        await Expect(seen.Locator(".correction .emotion")).ToHaveTextAsync(correction);
        await Expect(seen.Locator(".correction .author")).ToHaveTextAsync("by alice");
        await Expect(seen.Locator(".chip .emotion")).ToHaveTextAsync(target.Emotion);
        await Expect(seen).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bcorrected\b"));
        await viewer.ScreenshotAsync("correction-viewer", output);

        // "None of these" on the last utterance, with the mouse this time.
        var last = reviewer.Page.Locator($".utterance[data-index='{stored[^1].Index}']");
        await last.Locator(".correct select").SelectOptionAsync(new SelectOptionValue { Label = "none of these" });
        await last.Locator(".correct button").ClickAsync();
        await Expect(viewer.Page.Locator($".utterance[data-index='{stored[^1].Index}'] .correction .emotion")).ToHaveTextAsync("none of these");
        await reviewer.ScreenshotAsync("correction-reviewer", output);

        // The API and the export (through the viewer's own link) carry the corrections in force; the model's answers stay.
        var detail = JsonNode.Parse(await (await viewer.Page.APIRequest.GetAsync($"/api/sessions/{id}?access_token={View}")).TextAsync())!;
        var first = detail["utterances"]![0]!;
        Assert.Equal((target.Emotion, correction, "alice"), ((string)first["emotion"]!, (string)first["correction"]!["emotion"]!, (string)first["correction"]!["author"]!));
        Assert.Null(detail["utterances"]![stored.Count - 1]!["correction"]!["emotion"]);
        var csv = (await (await viewer.Page.APIRequest.GetAsync((await viewer.Page.Locator(".export-csv").GetAttributeAsync("href"))!)).TextAsync())
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([target.Emotion, correction, "alice"], csv[1].Split(',')[4..7]);
        Assert.Equal(stored.Select(u => u.Emotion), (await server.Store.GetUtterancesAsync(id)).Select(u => u.Emotion));
        Assert.Equal(2, (await server.Store.GetCorrectionsAsync(id)).Count);
        viewer.AssertNoScriptErrors();
        reviewer.AssertNoScriptErrors();
    }

    private static async Task OpenSessionAsync(IPage page, string token, string id, int utterances)
    {
        await page.GotoAsync($"/?token={token}");
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live");
        await page.Locator($"tr[data-id='{id}'] a.source").ClickAsync();
        await Expect(page.Locator(".session-head .status")).ToHaveTextAsync("completed");
        await Expect(page.Locator(".utterances .utterance")).ToHaveCountAsync(utterances);
    }
}
