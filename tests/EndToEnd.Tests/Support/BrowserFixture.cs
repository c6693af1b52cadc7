using EmoStream.Dashboard.Tests.Support;
using EmoStream.Sessions.Tests.Support;
using EmoStream.Testing;
using Microsoft.Playwright;

namespace EmoStream.EndToEnd.Tests.Support;

/// <summary>
/// What the browser tests share: one Chromium (its fake microphone playing a conversation: RAVDESS, or espeak-ng speech without the shared corpora), one dashboard
/// server with the product's settings, and the folder the screenshots go to. Without Chromium it stays empty, and each test skips saying why.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    /// <summary>Why the tests cannot run here, or null.</summary>
    public string? Unavailable { get; } = Chromium.Missing;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("emostream-e2e-").FullName;

    /// <summary>Stable across runs: <c>bin/Release/net10.0/linux-x64/screenshots/</c> of this project.</summary>
    public string ScreenshotDirectory { get; } = System.IO.Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public IBrowser Browser { get; private set; } = null!;

    internal DashboardServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (Unavailable is not null) return;
        var microphone = Conversations.Write(Directory, "microphone.wav", turns: 4);
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright, microphone);
        Server = await DashboardServer.StartAsync();
    }

    /// <summary>A fresh browser context (wide screen, microphone allowed) on <paramref name="server"/>.</summary>
    internal async Task<DashboardPage> OpenAsync(DashboardServer server, int width = 1360, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Permissions = ["microphone"],
        });
        return new DashboardPage(context, await context.NewPageAsync(), ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
