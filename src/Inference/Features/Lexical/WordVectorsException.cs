namespace EmoStream.Inference.Features.Lexical;

/// <summary>The word-vector cache or its JSON source is missing, truncated or not what it should be; names the file.</summary>
public sealed class WordVectorsException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string Path { get; } = path;
    public string Problem { get; } = problem;
}
