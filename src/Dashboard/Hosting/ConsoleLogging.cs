using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EmoStream.Dashboard.Hosting;

/// <summary>
/// Logs a person can read: the simple one-line console format on a terminal; one JSON object per line when the output
/// is not a terminal (a service manager, a pipe, a file), or whatever <c>Logging:Console:FormatterName</c>
/// (<c>simple</c>, <c>json</c>, <c>systemd</c>) says when it is set.
/// </summary>
public static class ConsoleLogging
{
    public const string FormatterKey = "Logging:Console:FormatterName";

    public static ILoggingBuilder Use(ILoggingBuilder logging, IConfiguration configuration) =>
        Use(logging, configuration, Console.IsOutputRedirected);

    /// <param name="redirected">Whether the output goes somewhere other than a terminal.</param>
    public static ILoggingBuilder Use(ILoggingBuilder logging, IConfiguration configuration, bool redirected)
    {
        logging.AddConfiguration(configuration.GetSection("Logging"));
        return Formatter(configuration, redirected) switch
        {
            "json" => logging.AddJsonConsole(o => o.IncludeScopes = true),
            "systemd" => logging.AddSystemdConsole(),
            _ => logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.IncludeScopes = true;
                o.TimestampFormat = "HH:mm:ss ";
            }),
        };
    }

    /// <summary>The formatter that applies: the configured one, else <c>simple</c> on a terminal and <c>json</c> elsewhere.</summary>
    public static string Formatter(IConfiguration configuration, bool redirected) =>
        configuration[FormatterKey] is { Length: > 0 } configured ? configured.ToLowerInvariant() : redirected ? "json" : "simple";
}
