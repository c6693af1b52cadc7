using System.Globalization;
using EmoStream.Sessions.Storage;
using EmoStream.EndToEnd.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EmoStream.EndToEnd.Tests;

/// <summary>"Use my microphone": Chromium's fake microphone (a RAVDESS conversation in a loop) through the AudioWorklet and the ingest socket.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MicrophoneTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task The_microphone_streams_through_the_ingest_socket_and_its_utterances_appear_until_stopped()
    {
        Skip.If(fixture.Unavailable is not null, fixture.Unavailable);
        await using var tab = await fixture.OpenAsync(fixture.Server);
        var page = tab.Page;
        await page.GotoAsync("/");
        await page.Locator("#mic-form input[name=speaker]").FillAsync("caller");
        await page.Locator("#mic-form button[type=submit]").ClickAsync();
        var id = await tab.SessionIdAsync();
        await Expect(page.Locator("#mic-bar")).ToBeVisibleAsync();
        await Expect(page.Locator(".session-head .kind")).ToHaveTextAsync("live");
        // The level meter follows the worklet's chunks: above the floor while the recording speaks.
        await Expect(page.Locator("#mic-level")).ToHaveAttributeAsync("style", new System.Text.RegularExpressions.Regex(@"width: [1-9]"));

        // Real time: the first clips take a few seconds each to say.
        await Expect(page.Locator(".utterances .utterance[data-index='1']")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Equal(SessionStatus.Running, (await fixture.Server.Store.GetSessionAsync(id))!.Status);
        await tab.ScreenshotAsync("session-microphone", output);

        await page.Locator("#mic-stop").ClickAsync();
        await Expect(page.Locator(".session-head .status")).ToHaveTextAsync("completed", new() { Timeout = 60_000 });
        await Expect(page.Locator("#mic-bar")).ToBeHiddenAsync();

        var stored = await fixture.Server.GetAsync(id);
        Assert.Equal(SessionKind.Live, stored.Session.Kind);
        Assert.True(stored.Utterances.Count >= 2, $"{stored.Utterances.Count} utterance(s) stored");
        Assert.All(stored.Utterances, u => Assert.Equal("caller", u.Speaker));
        await Expect(page.Locator(".session-head .count")).ToHaveTextAsync(stored.Utterances.Count.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator(".utterances .utterance")).ToHaveCountAsync(stored.Utterances.Count);
        tab.AssertNoScriptErrors();
    }
}
