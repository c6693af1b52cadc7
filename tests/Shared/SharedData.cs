namespace EmoStream.Testing;

/// <summary>
/// The project's shared corpora at <c>../shared/data</c> from the repository root. What a user's clone has is no such
/// folder: tests that need speech then make it (espeak-ng), and only tests about a corpus itself skip, saying so.
/// <see cref="OverrideVariable"/> points the tests elsewhere, or (<c>none</c>) runs them as such a clone does.
/// </summary>
public static class SharedData
{
    /// <summary>A folder to use instead of <c>../shared/data</c>, or <c>none</c> to run as a clone without the corpora.</summary>
    public const string OverrideVariable = "EMOSTREAM_TEST_SHARED_DATA";

    public static string? Directory { get; } = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Directory!, .. parts]);

    /// <summary>One RAVDESS actor's folder (e.g. <c>Actor_01</c>), or null when the data is absent.</summary>
    public static string? Ravdess(string actor) =>
        Directory is null ? null : Path("ravdess", actor) is var d && System.IO.Directory.Exists(d) ? d : null;

    /// <summary>For tests about a corpus itself (its importer, its figures): they cannot run on speech made here.</summary>
    public static void SkipIfAbsent() =>
        Skip.If(Directory is null, "this test is about the shared corpora themselves, which are absent: no ../shared/data beside the " +
            $"repository root (the folder holding Streaming.sln), or {OverrideVariable}=none");

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } given)
            return string.Equals(given, "none", StringComparison.OrdinalIgnoreCase) || !System.IO.Directory.Exists(given)
                ? null
                : System.IO.Path.GetFullPath(given);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "Streaming.sln"))) continue;
            var data = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data"));
            return System.IO.Directory.Exists(data) ? data : null;
        }
        return null;
    }
}
