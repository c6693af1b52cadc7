namespace EmoStream.Capture.Vad;

/// <summary>
/// Finds a model file named by a relative path: from the working folder first (the product runs from the
/// repository root), then from the application's own folder upwards (tests and benchmarks run from bin/).
/// </summary>
internal static class ModelLocator
{
    public static string Locate(string path, string setUpHint)
    {
        if (Path.IsPathRooted(path))
            return File.Exists(path) ? path : throw Missing(path, setUpHint);
        if (File.Exists(path)) return Path.GetFullPath(path);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, path);
            if (File.Exists(candidate)) return candidate;
        }
        throw Missing(path, setUpHint);
    }

    private static CaptureConfigurationException Missing(string path, string setUpHint) =>
        new($"model file '{path}' not found (looked in {Environment.CurrentDirectory} and above {AppContext.BaseDirectory}); {setUpHint}");
}
