using System.Net;
using System.Net.Sockets;
using EmoStream.Dashboard.Cli;

namespace EmoStream.Cli.Tests;

public sealed class ServeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-serve-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "Streaming.sln"))) dir = dir.Parent!;
        return dir.FullName;
    }

    [Fact]
    public async Task A_port_another_process_holds_is_a_user_error_naming_the_address_not_a_crash()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)holder.LocalEndpoint).Port}";

        var model = Path.Combine(RepoRoot(), "models", "default.emsm");
        var run = await CliRunner.RunAsync(new Dictionary<string, string?> { ["Storage:DataDirectory"] = _dir, ["Transcription:Engine"] = "none" },
            "serve", "--urls", url, "--model", model);

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Contains(url, run.Stderr);
        Assert.Contains("address already in use", run.Stderr);
        Assert.Contains("--urls", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr); // no stack trace for a user's mistake
    }
}
