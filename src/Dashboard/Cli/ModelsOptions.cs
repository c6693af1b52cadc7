namespace EmoStream.Dashboard.Cli;

/// <summary><c>Models</c> section: the model verbs use when no <c>--model</c> is given.</summary>
public sealed class ModelsOptions
{
    public const string Section = "Models";

    /// <summary>The shipped model; a relative path is taken from the current directory (the repository root for <c>./emostream</c>).</summary>
    public string Default { get; set; } = "models/default.emsm";
}
