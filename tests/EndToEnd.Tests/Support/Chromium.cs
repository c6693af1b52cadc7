using Microsoft.Playwright;

namespace EmoStream.EndToEnd.Tests.Support;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, scripts/apt-packages.txt) launched by Playwright: never Playwright's
/// own browser download (docs/ENVIRONMENT.md). Its fake microphone plays a WAV file in a loop.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    public static string? Missing => File.Exists(ExecutablePath) ? null : $"no Chromium at {ExecutablePath}: install Debian's chromium (scripts/apt-packages.txt)";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, string microphoneWav) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                .. Args,
                "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream",
                $"--use-file-for-fake-audio-capture={microphoneWav}",
            ],
        });
}
