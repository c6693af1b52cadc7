using System.Globalization;
using EmoStream.Sessions.Storage;
using EmoStream.Dashboard.Tests.Support;
using EmoStream.Sessions.Tests.Support;
using EmoStream.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace EmoStream.EndToEnd.Tests;

/// <summary>The dashboard in Chromium against a real server: upload and replay, the live session list, alerts.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly LocatorAssertionsToHaveTextOptions Ended = new() { Timeout = 90_000 };

    /// <summary>The product's rule (appsettings.json): angry or sad three utterances in a row.</summary>
    private static readonly string[] AlertEmotions = ["angry", "sad"];

    [SkippableFact]
    public async Task An_uploaded_recording_replays_into_the_session_view_showing_every_stored_utterance()
    {
        Skip.If(fixture.Unavailable is not null, fixture.Unavailable);
        // A call recording: two actors taking turns, one per channel, named in the form.
        var agent = RavdessClips.Of("03", ["angry", "sad", "happy"], 3);
        var customer = RavdessClips.Of("04", ["angry", "sad", "happy"], 3);
        var recording = Path.Combine(fixture.Directory, "uploaded-call.wav");
        var turns = SpeechConversation.Write(recording, [.. agent.Zip(customer).SelectMany(t => new[] { t.First.Path, t.Second.Path })], channelPerSpeaker: true);
        // The call's transcript, as a call platform would give it: the server runs no recogniser, so every text shown comes from it.
        var transcript = Path.Combine(fixture.Directory, "uploaded-call.vtt");
        await File.WriteAllTextAsync(transcript, "WEBVTT\n\n" + string.Concat(turns.Select((t, i) => string.Create(CultureInfo.InvariantCulture,
            $"{TimeSpan.FromSeconds(t.Start):hh\\:mm\\:ss\\.fff} --> {TimeSpan.FromSeconds(t.End):hh\\:mm\\:ss\\.fff}\n<v {(i % 2 == 0 ? "agent" : "customer")}>turn {i + 1}</v>\n\n"))));
        await using var tab = await fixture.OpenAsync(fixture.Server);
        var page = tab.Page;

        await page.GotoAsync("/");
        await page.Locator("#upload-form input[name=file]").SetInputFilesAsync(recording);
        await page.Locator("#upload-form input[value=fast]").CheckAsync();
        await page.Locator("#upload-form input[name=speakers]").FillAsync("agent,customer");
        await page.Locator("#upload-form input[name=transcript]").SetInputFilesAsync(transcript);
        await page.Locator("#upload-form button[type=submit]").ClickAsync();
        var id = await tab.SessionIdAsync();
        await Expect(page.Locator(".session-head .status")).ToHaveTextAsync("completed", Ended);

        var stored = (await fixture.Server.GetAsync(id)).Utterances;
        Assert.InRange(stored.Count, 5, 12); // six sentences; the VAD may split one at a pause
        await Expect(page.Locator(".session-head .count")).ToHaveTextAsync(stored.Count.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator(".session-head .source")).ToHaveTextAsync("uploaded-call.wav");
        Assert.Equal(["agent", "customer"], stored.Select(u => u.Speaker).Distinct().Order());

        // Transcript and timeline: one row and one block per stored utterance, in order, with its emotion, probability and text.
        var rows = page.Locator(".utterances .utterance");
        await Expect(rows).ToHaveCountAsync(stored.Count);
        Assert.All(stored, u => Assert.Matches("^turn [1-6]$", u.Transcript));
        Assert.Equal(stored.Select(u => u.Transcript), await rows.Locator(".text").AllInnerTextsAsync());
        Assert.Equal(stored.Select(u => u.Emotion), await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.emotion)"));
        Assert.Equal(stored.Select(u => $"{u.Emotion}{Percent(u.Probabilities[u.Emotion])}"),
            await rows.Locator(".chip").AllInnerTextsAsync() is var chips ? chips.Select(c => c.Replace("\n", "").Replace(" ", "")) : []);
        Assert.Equal(stored.Select(u => $"audio {Percent(u.Weights["audio"])}"), await rows.Locator(".weight-label").Filter(new() { HasText = "audio" }).AllInnerTextsAsync());
        var blocks = page.Locator(".timeline .block");
        await Expect(blocks).ToHaveCountAsync(stored.Count);
        Assert.Equal(stored.Select(u => u.Emotion), await blocks.EvaluateAllAsync<string[]>(InIndexOrder + ".map(b => b.dataset.emotion)"));
        // One lane per speaker, each block in its speaker's lane.
        await Expect(page.Locator(".timeline .lane-label")).ToHaveTextAsync(["agent", "customer"]);
        Assert.Equal(stored.Select(u => u.Speaker), await blocks.EvaluateAllAsync<string[]>(
            InIndexOrder + ".map(b => b.closest('.lane').querySelector('.lane-label').textContent)"));
        await Expect(page.Locator(".chart")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("has-data"));
        await Expect(page.Locator(".chart canvas")).ToHaveCountAsync(1);

        // Call metrics: the server's figures, the whole call then each speaker.
        var metrics = (await fixture.Server.GetAsync(id)).Metrics;
        await Expect(page.Locator(".metrics tbody tr")).ToHaveCountAsync(3);
        foreach (var speaker in metrics.Speakers)
        {
            var row = page.Locator($".metrics tr[data-speaker='{speaker.Speaker}']");
            await Expect(row.Locator(".interruptions")).ToHaveTextAsync(speaker.Interruptions!.Value.ToString(CultureInfo.InvariantCulture));
            await Expect(row.Locator(".talk")).ToHaveTextAsync(
                $"{speaker.TalkTime.ToString("0.0", CultureInfo.InvariantCulture)} s ({Percent(speaker.TalkShare)})");
        }

        // Alerts: exactly what the rule gives on what is stored.
        Assert.Equal(AlertRule.Expected(stored, 3, AlertEmotions), await ShownAlertsAsync(page));

        // Selecting a block highlights its transcript row.
        await page.Locator(".timeline .block[data-index='1']").ClickAsync();
        await Expect(rows.Nth(1)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("selected"));

        await tab.ScreenshotAsync("session-replay", output);
        await using (var narrow = await fixture.OpenAsync(fixture.Server, width: 420, height: 900))
        {
            await narrow.Page.GotoAsync($"/#/sessions/{id}");
            await Expect(narrow.Page.Locator(".utterances .utterance")).ToHaveCountAsync(stored.Count);
            await narrow.ScreenshotAsync("session-replay-narrow", output);
            narrow.AssertNoScriptErrors();
        }
        tab.AssertNoScriptErrors();
    }

    [SkippableFact]
    public async Task Uploading_a_file_that_is_not_audio_shows_the_servers_reason_in_the_page()
    {
        Skip.If(fixture.Unavailable is not null, fixture.Unavailable);
        var notes = Path.Combine(fixture.Directory, "notes.txt");
        await File.WriteAllTextAsync(notes, "these are meeting notes, not a recording");
        await using var tab = await fixture.OpenAsync(fixture.Server);
        var page = tab.Page;
        await page.GotoAsync("/");
        await page.Locator("#upload-form input[name=file]").SetInputFilesAsync(notes);
        await page.Locator("#upload-form button[type=submit]").ClickAsync();

        var error = page.Locator("#upload-form .error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("'notes.txt' is not a readable recording");
        await Expect(page.Locator("#upload-form button[type=submit]")).ToBeEnabledAsync();
        Assert.DoesNotContain("#/sessions/", page.Url);
        await tab.ScreenshotAsync("upload-error", output);
        tab.AssertNoScriptErrors(provoked: "status of 400");
    }

    [SkippableFact]
    public async Task The_session_list_shows_a_new_session_its_status_change_and_its_deletion_without_reloading()
    {
        Skip.If(fixture.Unavailable is not null, fixture.Unavailable);
        var recording = Conversations.Write(fixture.Directory, "short-call.wav", turns: 2, pauseSeconds: 0.6);
        await using var tab = await fixture.OpenAsync(fixture.Server);
        var page = tab.Page;
        await page.GotoAsync("/");
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live");
        await page.EvaluateAsync("() => window.notReloaded = true");

        // Started by another client (the API), so only the live feed can bring it to this page.
        var id = await fixture.Server.UploadSessionAsync(recording, "realtime");
        var row = page.Locator($"tr[data-id='{id}']");
        await Expect(row.Locator(".status")).ToHaveTextAsync("running");
        await Expect(row.Locator(".source")).ToHaveTextAsync("short-call.wav");
        await tab.ScreenshotAsync("session-list", output);
        await page.SetViewportSizeAsync(420, 900);
        await tab.ScreenshotAsync("session-list-narrow", output);
        await page.SetViewportSizeAsync(1360, 900);

        await Expect(row.Locator(".status")).ToHaveTextAsync("completed", Ended);
        var stored = (await fixture.Server.GetAsync(id)).Utterances;
        Assert.NotEmpty(stored);
        await Expect(row.Locator(".count")).ToHaveTextAsync(stored.Count.ToString(CultureInfo.InvariantCulture));
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));

        // A row opens its session; the way back lists it again; a deletion elsewhere takes it off the list.
        await row.ClickAsync();
        Assert.Equal(id, await tab.SessionIdAsync());
        await page.Locator(".back").ClickAsync();
        await Expect(row.Locator(".count")).ToHaveTextAsync(stored.Count.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await fixture.Server.Http.DeleteAsync($"/api/sessions/{id}")).StatusCode);
        await Expect(row).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        tab.AssertNoScriptErrors();
    }

    [SkippableFact]
    public async Task An_alert_appears_when_a_speaker_reaches_the_configured_number_of_utterances_in_a_row()
    {
        Skip.If(fixture.Unavailable is not null, fixture.Unavailable);
        // Two in a row of any class the model predicts: the alert must appear whatever the model says.
        await using var server = await DashboardServer.StartAsync(settings:
        [
            ("Dashboard:Alerts:ConsecutiveUtterances", "2"),
            ("Dashboard:Alerts:Emotions:0", "happy"), ("Dashboard:Alerts:Emotions:1", "neutral"),
            ("Dashboard:Alerts:Emotions:2", "angry"), ("Dashboard:Alerts:Emotions:3", "sad"),
        ]);
        var id = await server.UploadSessionAsync(Conversations.Write(fixture.Directory, "alert-call.wav", turns: 4), "fast");
        await using var tab = await fixture.OpenAsync(server);
        var page = tab.Page;
        await page.GotoAsync($"/#/sessions/{id}");
        await Expect(page.Locator(".session-head .status")).ToHaveTextAsync("completed", Ended);

        var stored = (await server.GetAsync(id)).Utterances;
        var expected = AlertRule.Expected(stored, 2, ["happy", "neutral", "angry", "sad"]);
        Assert.NotEmpty(expected); // one mixed channel: one speaker with every utterance in one run
        Assert.Equal(expected, await ShownAlertsAsync(page));
        await Expect(page.Locator(".no-alerts")).ToBeHiddenAsync();
        await tab.ScreenshotAsync("session-alert", output);

        // The server raised them (the page computes none): what the session's detail says is what the page shows.
        var raised = (await server.GetAsync(id)).Alerts;
        Assert.Equal(expected, raised.Select(a => new AlertRule.Alert(a.Speaker, a.Length, a.Ongoing))
            .OrderBy(a => a.Speaker, StringComparer.Ordinal).ThenBy(a => a.Length).ThenBy(a => a.Ongoing).ToArray());
        tab.AssertNoScriptErrors();
    }

    /// <summary>Timeline blocks sit in their speakers' lanes; this puts them back in utterance order.</summary>
    private const string InIndexOrder = "blocks => blocks.sort((a, b) => a.dataset.index - b.dataset.index)";

    private static string Percent(double p) => $"{Math.Round(p * 100, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)}%";

    private static async Task<AlertRule.Alert[]> ShownAlertsAsync(IPage page) =>
        (await page.Locator(".alert-list .alert").EvaluateAllAsync<ShownAlert[]>(
            "items => items.map(i => ({ speaker: i.dataset.speaker, length: Number(i.dataset.count), ongoing: i.classList.contains('ongoing') }))"))
        .Select(a => new AlertRule.Alert(a.Speaker, a.Length, a.Ongoing))
        .OrderBy(a => a.Speaker, StringComparer.Ordinal).ThenBy(a => a.Length).ThenBy(a => a.Ongoing).ToArray();

    /// <summary>Playwright fills results by property, so a plain class.</summary>
    private sealed class ShownAlert
    {
        public string Speaker { get; set; } = "";

        public int Length { get; set; }

        public bool Ongoing { get; set; }
    }
}
