namespace EmoStream.Dashboard.Bench;

/// <summary>The repository's appsettings.json, found from the benchmark's output folder.</summary>
internal static class BenchSettings
{
    public static string AppSettingsPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Streaming.sln"))) return Path.Combine(dir.FullName, "appsettings.json");
        throw new FileNotFoundException("appsettings.json: no Streaming.sln above the benchmark");
    }
}
