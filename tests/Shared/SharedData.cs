namespace EmoStream.Testing;

/// <summary>The project's shared corpora at <c>../shared/data</c> from the repository root; tests skip, saying so, when it is absent.</summary>
public static class SharedData
{
    public static string? Directory { get; } = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Directory!, .. parts]);

    /// <summary>One RAVDESS actor's folder (e.g. <c>Actor_01</c>), or null when the data is absent.</summary>
    public static string? Ravdess(string actor) =>
        Directory is null ? null : Path("ravdess", actor) is var d && System.IO.Directory.Exists(d) ? d : null;

    public static void SkipIfAbsent() =>
        Skip.If(Directory is null, "shared corpora absent: no ../shared/data beside the repository root (the folder holding Streaming.sln)");

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "Streaming.sln"))) continue;
            var data = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data"));
            return System.IO.Directory.Exists(data) ? data : null;
        }
        return null;
    }
}
