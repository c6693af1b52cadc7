using EmoStream.Dashboard.Security;
using EmoStream.Sessions.Storage;
using EmoStream.Dashboard.Tests.Support;

namespace EmoStream.Dashboard.Tests.Web;

/// <summary>The page cannot be framed, sniffed or fed inline script; exports cannot plant spreadsheet formulas.</summary>
public sealed class PageHardeningTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/js/app.js")]
    [InlineData("/api/sessions")]
    [InlineData("/api/sessions/none")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        await using var server = await DashboardServer.StartAsync();
        using var response = await server.Http.GetAsync(path);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy);
        Assert.DoesNotContain("unsafe-inline", SecurityHeaders.ContentSecurityPolicy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task The_CSV_export_neutralises_text_a_spreadsheet_would_run_as_a_formula()
    {
        await using var server = await DashboardServer.StartAsync();
        string[] hostile = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "plain"];
        var session = new SessionRecord("csv1", SessionKind.Live, "test", SessionStatus.Completed, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, hostile, "m");
        await server.Store.CreateSessionAsync(session);
        for (var i = 0; i < hostile.Length; i++)
            await server.Store.AddUtteranceAsync(new UtteranceRecord("csv1", i, hostile[i], i, i + 0.5, "=1+2 said " + i, "none", null, "neutral",
                new Dictionary<string, double> { ["neutral"] = 1.0 }, new Dictionary<string, double> { ["audio"] = 1.0 }), null, null);

        var rows = (await server.Http.GetStringAsync("/api/sessions/csv1/export.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Equal(hostile.Length, rows.Length);
        Assert.StartsWith("0,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",", rows[0]);
        Assert.StartsWith("1,'+1+1,", rows[1]);
        Assert.StartsWith("2,'-2+3,", rows[2]);
        Assert.StartsWith("3,'@SUM(A1),", rows[3]);
        Assert.StartsWith("4,'\tTAB,", rows[4]);
        Assert.StartsWith("5,plain,", rows[5]);
        // The text column, then the alert column (empty: these utterances raised none).
        Assert.All(rows, r => Assert.EndsWith(",'=1+2 said " + r[0] + ",", r));
    }
}
