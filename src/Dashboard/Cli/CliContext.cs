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
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return new CliContext(configuration, AnsiConsole.Console, error, loggers);
    }

    public void Dispose() => Loggers.Dispose();
}
