namespace EmoStream.Inference.Corpora;

/// <summary>Every malformed line of one manifest, so a user can fix them all in one pass.</summary>
public sealed class CorpusManifestException(string file, IReadOnlyList<CorpusFormatException> errors)
    : Exception(Format(file, errors))
{
    public string File { get; } = file;
    public IReadOnlyList<CorpusFormatException> Errors { get; } = errors;

    private static string Format(string file, IReadOnlyList<CorpusFormatException> errors)
    {
        const int shown = 20;
        var lines = errors.Take(shown).Select(e => "  " + e.Message);
        var more = errors.Count > shown ? $"\n  ... and {errors.Count - shown} more" : "";
        return $"{file}: {errors.Count} malformed line(s):\n{string.Join("\n", lines)}{more}";
    }
}
