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

    public static Option<FileInfo?> Json() => new("--json") { Description = "Also write the figures to this JSON file" };
}
