using EmoStream.Dashboard.Cli;
using Microsoft.Data.Sqlite;

namespace EmoStream.Cli.Tests;

/// <summary><c>emostream adapt</c>'s refusals: each names what is wrong and exits with the user-error code, before any training.</summary>
public sealed class AdaptCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-adapt-cli-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<CliRunner.Result> AdaptAsync(params string[] args) => CliRunner.RunAsync(
        new Dictionary<string, string?> { ["Storage:DataDirectory"] = Path.Combine(_dir, "data"), ["Models:Directory"] = Path.Combine(_dir, "models") },
        ["adapt", "--model", Path.Combine(DefaultModelTests.RepoRoot(), "models", "default.emsm"), .. args]);

    [Theory]
    [InlineData(new[] { "--corpus", "none" }, "no stored session to learn from")]
    [InlineData(new[] { "--corpus", "none", "--session", "nosuch" }, "--session: there is no session 'nosuch' in the store")]
    [InlineData(new[] { "--corpus", "none", "--status", "running" }, "--status: 'running' is not an ended status")]
    [InlineData(new[] { "--corpus", "/nonexistent/corpus" }, "corpus folder /nonexistent/corpus does not exist (from --corpus)")]
    public async Task Refuses_with_the_reason_and_writes_no_model(string[] args, string reason)
    {
        var run = await AdaptAsync(args);
        Assert.True(run.ExitCode == ExitCodes.UserError, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        Assert.Contains(reason, run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "models")));
    }
}
