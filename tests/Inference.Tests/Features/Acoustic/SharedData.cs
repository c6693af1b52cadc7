namespace EmoStream.Inference.Tests.Features.Acoustic;

/// <summary>Finds <c>../shared/data</c> relative to the repository root (the folder holding Streaming.sln).</summary>
internal static class SharedData
{
    public static string? Root { get; } = Locate();

    public static string? Ravdess(string actor) =>
        Root is null ? null : Path.Combine(Root, "ravdess", actor) is var d && Directory.Exists(d) ? d : null;

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Streaming.sln"))) continue;
            var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
            return Directory.Exists(data) ? data : null;
        }
        return null;
    }
}
