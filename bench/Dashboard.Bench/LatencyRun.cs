using Microsoft.Extensions.Configuration;

namespace EmoStream.Dashboard.Bench;

/// <summary>
/// What the server benchmarks take (MODEL WAV [engine] [SESSIONS]; session-capacity reads SESSIONS as the most it
/// tries) and the configuration they run under: the repository's appsettings.json with a throw-away data folder and
/// the chosen transcription engine.
/// </summary>
internal sealed record LatencyRun(string Model, string Wav, string Engine, int Sessions, string DataDirectory) : IDisposable
{
    public static LatencyRun Parse(IReadOnlyList<string> args) => new(
        Path.GetFullPath(args[0]),
        Path.GetFullPath(args[1]),
        args.Count > 2 ? args[2] : "none",
        args.Count > 3 ? int.Parse(args[3]) : 1,
        Directory.CreateTempSubdirectory("emostream-bench-").FullName);

    public IConfiguration Configuration() => new ConfigurationBuilder()
        .AddJsonFile(BenchSettings.AppSettingsPath(), optional: false)
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["Transcription:Engine"] = Engine,
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning", // the host's start and stop lines would split the tables
        })
        .Build();

    public void Dispose() => Directory.Delete(DataDirectory, recursive: true);
}
