using Microsoft.Extensions.Configuration;

namespace EmoStream.Sessions.Tests.Support;

/// <summary>The product's appsettings.json with a test's entries laid over it (its own data folder, an engine).</summary>
internal static class PipelineConfiguration
{
    public static IConfiguration Create(string dataDirectory, string engine, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Transcription:Engine"] = engine,
        };
        foreach (var (key, value) in more) settings[key] = value;
        return new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json")
            .AddInMemoryCollection(settings).Build();
    }
}
