using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EmoStream.EndToEnd.Tests.Support;

/// <summary>One browser tab on the dashboard: collects the page's script errors (a test fails on any) and saves screenshots.</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly string _screenshots;
    private readonly List<string> _errors = [];

    internal DashboardPage(IBrowserContext context, IPage page, string screenshots)
    {
        Context = context;
        _screenshots = screenshots;
        Page = page;
        page.PageError += (_, error) => _errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error") _errors.Add(message.Text);
        };
    }

    public IPage Page { get; }

    public IBrowserContext Context { get; }

    /// <summary>The session id in the address (<c>#/sessions/ID</c>), once the page has opened a session.</summary>
    public async Task<string> SessionIdAsync()
    {
        await Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("#/sessions/[^/]+$"));
        return Uri.UnescapeDataString(Page.Url[(Page.Url.LastIndexOf('/') + 1)..]);
    }

    /// <summary>Saves a full-page PNG as <c>NAME.png</c> in the screenshots folder and logs its path.</summary>
    public async Task ScreenshotAsync(string name, ITestOutputHelper output)
    {
        var path = Path.Combine(_screenshots, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }

    /// <param name="provoked">Parts of the text of errors the test caused on purpose (a refused request), which do not count.</param>
    public void AssertNoScriptErrors(params string[] provoked)
    {
        var errors = _errors.Where(e => !provoked.Any(p => e.Contains(p, StringComparison.Ordinal))).ToArray();
        Assert.True(errors.Length == 0, "script errors on the page:\n" + string.Join("\n", errors));
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
