using System.CommandLine;

namespace EmoStream.Dashboard.Cli.Commands;

/// <summary>Option shapes several verbs share.</summary>
public static class CommandOptions
{
    /// <summary>A comma-separated list such as <c>1,2,3</c>; empty items are refused.</summary>
    public static Option<string[]> GroupList(string name, string description, bool required) => new(name)
    {
        Description = description,
        Required = required,
        CustomParser = result =>
        {
            var items = result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries)).ToArray();
            if (items.Any(string.IsNullOrEmpty))
                result.AddError($"{name}: expected a comma-separated list of group names, got '{string.Join(" ", result.Tokens.Select(t => t.Value))}'");
            return items.Distinct(StringComparer.Ordinal).ToArray();
        },
        DefaultValueFactory = _ => [],
    };

    public static Option<DirectoryInfo> Corpus() => new Option<DirectoryInfo>("--corpus")
    {
        Description = "Corpus folder (with manifest.jsonl and features/)",
        Required = true,
    }.AcceptExistingOnly();

    /// <summary><c>--modalities audio,text</c>: which modalities to use (default both).</summary>
    public static Option<string[]> Modalities()
    {
        var option = new Option<string[]>("--modalities")
        {
            Description = "Modalities to use: audio, text, or audio,text",
            DefaultValueFactory = _ => ["audio", "text"],
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries)).ToArray(),
        };
        option.Validators.Add(r =>
        {
            var bad = r.GetValueOrDefault<string[]>().Where(m => m is not ("audio" or "text")).ToArray();
            if (bad.Length > 0) r.AddError($"--modalities: expected audio and/or text, got {string.Join(", ", bad)}");
        });
        return option;
    }

    public static Option<FileInfo?> Json() => new("--json") { Description = "Also write the figures to this JSON file" };
}
