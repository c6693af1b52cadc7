using EmoStream.Dashboard.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace EmoStream.Cli.Tests;

/// <summary>Runs the real `emostream` command line in-process with captured stdout and stderr.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Task<Result> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string?>(), args);

    /// <param name="settings">Configuration entries laid over appsettings.json (such as <c>Storage:DataDirectory</c>).</param>
    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        IAnsiConsole Console(TextWriter w)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(w), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
            });
            console.Profile.Width = CliContext.RedirectedWidth;
            return console;
        }
        var configuration = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json")
            .AddInMemoryCollection(settings).Build();
        using var context = new CliContext(configuration, Console(stdout), Console(stderr), NullLoggerFactory.Instance);
        var code = await CommandLineApp.RunAsync(args, context);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}
