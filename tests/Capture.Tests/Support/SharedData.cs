namespace EmoStream.Capture.Tests.Support;

/// <summary>The project's shared corpora at ../shared/data from the repository root (never copied into the repository).</summary>
public static class SharedData
{
    /// <summary>The data folder, or null when this checkout has none beside it.</summary>
    public static string? Root { get; } = Find();

    /// <summary>Why a test that needs the data did nothing, for its output.</summary>
    public const string AbsentReason = "../shared/data (RAVDESS, EmoDB) is not beside this checkout; the conversation tests need its clips";

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Streaming.sln"))) continue;
            var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
            return Directory.Exists(Path.Combine(data, "ravdess")) && Directory.Exists(Path.Combine(data, "emodb")) ? data : null;
        }
        return null;
    }
}
