using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;
using EmoStream.Dashboard.Cli;

namespace EmoStream.Cli.Tests;

/// <summary>The server, a replay and the speech models never load research code; research verbs and the full help get it.</summary>
public sealed class ResearchVerbsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(false, "serve", "--urls", "http://127.0.0.1:5000")]
    [InlineData(false, "--urls", "http://127.0.0.1:5000")] // the root's options are serve's
    [InlineData(false, "replay", "call.wav")]
    [InlineData(false, "models", "list")]
    [InlineData(true, "train", "--corpus", "c")]
    [InlineData(true, "experiment", "table2")]
    [InlineData(true, "--help")]
    [InlineData(true, "no-such-verb")]
    public void Only_research_verbs_and_the_full_help_build_the_research_verbs(bool expected, params string[] args) =>
        Assert.Equal(expected, CommandLineApp.NeedsResearch(args));

    [Fact]
    public void The_live_verbs_alone_leave_the_research_verbs_out_and_the_full_set_has_every_verb()
    {
        var configuration = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json").Build();
        using var context = new CliContext(configuration, AnsiConsole.Console, AnsiConsole.Console, NullLoggerFactory.Instance);
        Assert.Equal(["serve", "models", "replay"], CommandLineApp.Build(context, research: false).Subcommands.Select(c => c.Name));

        using var full = new CliContext(configuration, AnsiConsole.Console, AnsiConsole.Console, NullLoggerFactory.Instance);
        Assert.Equal(["serve", "train", "evaluate", "calibrate", "import", "featurize", "experiment", "assemble", "evaluate-conversations", "adapt", "models", "replay"],
            CommandLineApp.Build(full).Subcommands.Select(c => c.Name));
    }
}
