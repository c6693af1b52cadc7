using EmoStream.Dashboard.Hosting;
using Microsoft.Extensions.Configuration;

namespace EmoStream.Dashboard.Tests.Hosting;

public sealed class ConsoleLoggingTests
{
    private static IConfiguration Configured(string? formatter) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ConsoleLogging.FormatterKey] = formatter }).Build();

    [Theory]
    [InlineData(null, false, "simple")] // a person at a terminal reads lines
    [InlineData(null, true, "json")] // a service manager, a pipe or a file gets one JSON object per line
    [InlineData("json", false, "json")] // configured wins either way
    [InlineData("Systemd", true, "systemd")]
    [InlineData("simple", true, "simple")]
    public void The_format_is_simple_on_a_terminal_json_elsewhere_unless_configured(string? configured, bool redirected, string expected) =>
        Assert.Equal(expected, ConsoleLogging.Formatter(Configured(configured), redirected));
}
