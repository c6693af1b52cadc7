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

    /// <summary>
    /// Resolves group names against a corpus: an item ending in <c>*</c> stands for every group starting with what
    /// precedes it (e.g. <c>ravdess-*</c>), so several corpora's groups can be named without listing them all.
    /// </summary>
    public static string[] ExpandGroups(string option, IEnumerable<string> items, IReadOnlyCollection<string> groups)
    {
        var result = new List<string>();
        foreach (var item in items)
        {
            if (!item.EndsWith('*')) { result.Add(item); continue; }
            var matches = groups.Where(g => g.StartsWith(item[..^1], StringComparison.Ordinal)).ToArray();
            if (matches.Length == 0) throw new CliUsageException($"{option}: no group matches '{item}' (groups: {string.Join(", ", groups)})");
            result.AddRange(matches);
        }
        return result.Distinct(StringComparer.Ordinal).ToArray();
    }

    public static Option<DirectoryInfo> Corpus() => new Option<DirectoryInfo>("--corpus")
    {
        Description = "Corpus folder (with manifest.jsonl and features/)",
        Required = true,
    }.AcceptExistingOnly();

    /// <summary><c>--corpus A --corpus B</c> or <c>--corpus A,B</c>: several corpus folders trained on together.</summary>
    public static Option<DirectoryInfo[]> Corpora()
    {
        var option = new Option<DirectoryInfo[]>("--corpus")
        {
            Description = "Corpus folder(s) with manifest.jsonl and features/; repeat or comma-separate to train on several together",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .Select(p => new DirectoryInfo(p)).DistinctBy(d => d.FullName).ToArray(),
        };
        option.Validators.Add(r =>
        {
            foreach (var d in r.GetValueOrDefault<DirectoryInfo[]>() ?? [])
                if (!d.Exists) r.AddError($"--corpus: directory '{d.FullName}' does not exist");
        });
        return option;
    }

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
