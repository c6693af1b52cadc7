using EmoStream.Dashboard.Hosting;
using EmoStream.Inference.Model;
using EmoStream.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli;

/// <summary>
/// What every verb shares: the one configuration (appsettings.json + EMOSTREAM_ environment) with its sections bound
/// once (<see cref="Options{T}"/>), logging and the terminal.
/// </summary>
public sealed class CliContext : IDisposable
{
    public CliContext(IConfiguration configuration, IAnsiConsole output, IAnsiConsole error, ILoggerFactory loggers)
    {
        Configuration = configuration;
        Output = output;
        Error = error;
        Loggers = loggers;
        _registrations = new ServiceCollection().AddSingleton(configuration).AddSingleton(loggers).AddSessionOptions(configuration);
        Bind<ModelOptions>(ModelOptions.Section);
    }

    private readonly IServiceCollection _registrations;
    private ServiceProvider? _services;

    /// <summary>The settings the verbs use, bound once; the session settings are checked when a verb starts sessions.</summary>
    public IServiceProvider Services => _services ??= _registrations.BuildServiceProvider();

    /// <summary>A section's settings, bound on first use.</summary>
    public T Options<T>() where T : class => Services.GetRequiredService<IOptions<T>>().Value;

    /// <summary>Adds a section for <see cref="Options{T}"/>; verbs add theirs when they are built, before any setting is read.</summary>
    public void Bind<T>(string section) where T : class
    {
        if (_services is not null) throw new InvalidOperationException($"{typeof(T).Name}: settings are added before the first one is read");
        _registrations.AddOptions<T>().Bind(Configuration.GetSection(section));
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
        var loggers = LoggerFactory.Create(b => ConsoleLogging.Use(b, configuration).AddFilter("Microsoft", LogLevel.Warning));
        var output = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsOutputRedirected) output.Profile.Width = RedirectedWidth;
        if (Console.IsErrorRedirected) error.Profile.Width = RedirectedWidth;
        return new CliContext(configuration, output, error, loggers);
    }

    public void Dispose()
    {
        _services?.Dispose();
        Loggers.Dispose();
    }
}
