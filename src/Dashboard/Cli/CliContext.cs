using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli;

/// <summary>What every verb shares: the one configuration (appsettings.json + EMOSTREAM_ environment), logging and the terminal.</summary>
public sealed class CliContext : IDisposable
{
    public CliContext(IConfiguration configuration, IAnsiConsole output, IAnsiConsole error, ILoggerFactory loggers)
    {
        Configuration = configuration;
        Output = output;
        Error = error;
        Loggers = loggers;
    }

    /// <summary>Width used when a stream is not a terminal, so piped messages and tables are not wrapped at 80 columns.</summary>
    public const int RedirectedWidth = 240;

    public IConfiguration Configuration { get; }

    /// <summary>Results (tables, figures) go to stdout.</summary>
    public IAnsiConsole Output { get; }

    /// <summary>Progress and diagnostics go to stderr, so stdout stays machine-readable.</summary>
    public IAnsiConsole Error { get; }

    public ILoggerFactory Loggers { get; }

    public static IConfiguration LoadConfiguration() =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: false)
            .AddEnvironmentVariables("EMOSTREAM_")
            .Build();

    public static CliContext CreateDefault()
    {
        var configuration = LoadConfiguration();
        var loggers = LoggerFactory.Create(b => b
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddJsonConsole(o => o.IncludeScopes = true)
            .AddFilter("Microsoft", LogLevel.Warning));
        var output = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsOutputRedirected) output.Profile.Width = RedirectedWidth;
        if (Console.IsErrorRedirected) error.Profile.Width = RedirectedWidth;
        return new CliContext(configuration, output, error, loggers);
    }

    public void Dispose() => Loggers.Dispose();
}
