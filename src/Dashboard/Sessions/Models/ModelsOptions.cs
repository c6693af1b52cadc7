namespace EmoStream.Sessions.Models;

/// <summary><c>Models</c> section: the emotion models the server may score with and the one verbs use when no <c>--model</c> is given.</summary>
public sealed class ModelsOptions
{
    public const string Section = "Models";

    /// <summary>
    /// The shipped model; a relative path is taken from the current directory (the repository root for <c>./emostream</c>).
    /// Empty: no default, so every verb that scores needs <c>--model</c>.
    /// </summary>
    public string Default { get; set; } = "models/default.emsm";

    /// <summary>The folder of emotion models (<c>*.emsm</c>) <c>emostream models list</c> shows and the server may switch to.</summary>
    public string Directory { get; set; } = "models";

    public string? Problem() =>
        string.IsNullOrWhiteSpace(Directory) ? $"{Section}:Directory is empty; expected a folder of model files" : null;
}
