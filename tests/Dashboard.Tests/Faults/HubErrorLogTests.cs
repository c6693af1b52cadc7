using EmoStream.Dashboard.Hosting;
using EmoStream.Dashboard.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace EmoStream.Dashboard.Tests.Faults;

/// <summary>A client's mistake on the hub is the client's: it gets the message, the server's log gets one line, not an error with a stack trace.</summary>
public sealed class HubErrorLogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-hublog-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Joining_an_unknown_session_is_logged_as_one_information_line()
    {
        await using var server = await ServerProcess.ServeAsync(Path.Combine(_dir, "data"),
            new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Information" });
        await using (var viewer = new HubConnectionBuilder().WithUrl(new Uri(server.Address, WebHost.HubPath)).Build())
        {
            await viewer.StartAsync();
            var error = await Assert.ThrowsAsync<HubException>(() => viewer.InvokeAsync("JoinSession", "nope", 0));
            Assert.Contains("no session 'nope'", error.Message);
            await Assert.ThrowsAsync<HubException>(() => viewer.InvokeAsync("JoinSession", "nope", -1));
        }
        server.Signal("TERM");
        Assert.Equal(0, await server.ExitCodeAsync(TimeSpan.FromMinutes(2)));
        var log = server.Stdout + server.Stderr;
        // The JSON console log, one object per line.
        var entries = server.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.Nodes.JsonNode.Parse(line)!)
            .Select(e => (Level: (string)e["LogLevel"]!, Category: (string)e["Category"]!, Message: (string)e["Message"]!)).ToArray();
        Assert.Contains(("Information", "EmoStream.Dashboard.Hubs.HubErrors", "hub call JoinSession refused: no session 'nope'"), entries);
        Assert.Contains(("Information", "EmoStream.Dashboard.Hubs.HubErrors", "hub call JoinSession refused: fromIndex is -1; expected 0 or more"), entries);
        Assert.DoesNotContain(entries, e => e.Level is "Error" or "Critical" || e.Message.Contains("Failed to invoke hub method"));
        Assert.DoesNotContain("   at ", log);
    }
}
