using EmoStream.Sessions.Models;

namespace EmoStream.Dashboard.Cli;

/// <summary>Picks the model a verb scores with: <c>--model</c> when given, else <see cref="ModelsOptions.Default"/>.</summary>
public static class DefaultModel
{
    public const string TrainHint = "train one with `emostream train ... --out models/default.emsm` (the exact command is in docs/MODEL_CARD.md)";

    public static string Resolve(FileInfo? given, ModelsOptions options)
    {
        if (given is not null) return given.FullName;
        if (string.IsNullOrWhiteSpace(options.Default))
            throw new CliUsageException($"no default model (Models:Default is empty); {TrainHint} or pass --model");
        var path = Path.GetFullPath(options.Default);
        if (!File.Exists(path))
            throw new CliUsageException($"no default model at {path} (Models:Default = '{options.Default}'); {TrainHint} or pass --model");
        return path;
    }
}
