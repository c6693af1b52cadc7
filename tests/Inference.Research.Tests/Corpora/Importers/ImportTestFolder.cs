namespace EmoStream.Inference.Tests.Corpora.Importers;

/// <summary>A temporary folder for one test's output corpus, deleted afterwards.</summary>
public abstract class ImportTestFolder : IDisposable
{
    protected string Temp { get; } = Directory.CreateTempSubdirectory("emostream-import-").FullName;

    protected string Out => Path.Combine(Temp, "corpus");

    public void Dispose() => Directory.Delete(Temp, recursive: true);
}
