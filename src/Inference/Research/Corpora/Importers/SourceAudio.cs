namespace EmoStream.Inference.Corpora.Importers;

/// <summary>Resolves an audio path named by a source row, and the path the manifest will give it (<c>audio/</c> + the same relative path).</summary>
public static class SourceAudio
{
    /// <summary>
    /// Null, with the reason and <paramref name="consequence"/> logged against the row, when the path is empty,
    /// leaves the source folder or names no file.
    /// </summary>
    public static (string Absolute, string Manifest)? Resolve(string sourceRoot, string relative, ImportLog log, string file, int? line,
        string consequence = "row skipped")
    {
        var normalized = relative.Replace('\\', '/').Trim();
        if (normalized.Length == 0)
        {
            log.Add(file, line, $"{consequence}: no audio file named");
            return null;
        }
        var root = Path.GetFullPath(sourceRoot);
        var absolute = Path.GetFullPath(Path.Combine(root, normalized));
        var inside = Path.GetRelativePath(root, absolute).Replace('\\', '/');
        if (Path.IsPathRooted(normalized) || inside.StartsWith("../", StringComparison.Ordinal) || inside == "..")
        {
            log.Add(file, line, $"{consequence}: audio path '{relative}' is outside the source folder {root}");
            return null;
        }
        if (!File.Exists(absolute))
        {
            log.Add(file, line, $"{consequence}: audio file '{relative}' does not exist ({absolute})");
            return null;
        }
        return (absolute, CorpusImport.AudioFolder + "/" + inside);
    }
}
