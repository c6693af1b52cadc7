namespace EmoStream.Inference.Model;

/// <summary>One model file of a model folder: its id and metadata, or why it cannot be read.</summary>
/// <param name="Id">Null when the file could not be read (<paramref name="Problem"/> says why).</param>
/// <param name="Problem">Why the server cannot score with it (unreadable, or an offline model), naming the file; null otherwise (its featurizers are checked when it loads).</param>
public sealed record ModelEntry(string File, string Path, long Bytes, string? Id, ModelMetadata? Metadata, string? Problem);

/// <summary>The emotion model files (<c>*.emsm</c>) of a folder, read without loading their weights.</summary>
public static class ModelCatalog
{
    public const string Extension = ".emsm";

    /// <summary>Every model file of <paramref name="directory"/>, by file name; none when the folder does not exist.</summary>
    public static IReadOnlyList<ModelEntry> List(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*" + Extension).Order(StringComparer.Ordinal).Select(Read).ToArray()
            : [];

    /// <summary>One file: its metadata once magic, version and checksum are checked, or the problem that refuses it.</summary>
    public static ModelEntry Read(string path)
    {
        var file = new FileInfo(path);
        try
        {
            var metadata = ModelFile.ReadMetadata(path);
            return new ModelEntry(file.Name, file.FullName, file.Length, ModelFile.Id(path, metadata), metadata,
                metadata.Architecture.Mode == ContextMode.Causal ? null : $"{file.Name}: an offline model (looks at future utterances), not for live scoring");
        }
        catch (Exception e) when (e is ModelMismatchException or IOException or UnauthorizedAccessException)
        {
            return new ModelEntry(file.Name, file.FullName, file.Exists ? file.Length : 0, null, null, e.Message.Replace(path, file.Name));
        }
    }
}
