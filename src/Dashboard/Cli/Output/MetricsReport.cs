using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmoStream.Inference.Calibration;
using EmoStream.Inference.Evaluation;
using EmoStream.Inference.Training;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli.Output;

/// <summary>
/// The figures `train` and `evaluate` print and write as JSON (keys wa, ua, macro_f1, wa_std, ece,
/// ece_before_calibration, runs, classes, confusion). ECE is the expected calibration error over 15 bins.
/// </summary>
public static class MetricsReport
{
    public static JsonObject ToJson(ExperimentResult result, JsonObject? extra = null)
    {
        var json = new JsonObject
        {
            ["wa"] = Finite(result.Wa),
            ["ua"] = Finite(result.Ua),
            ["macro_f1"] = Finite(result.MacroF1),
            ["wa_std"] = result.WaStd,
            ["ua_std"] = result.UaStd,
            ["macro_f1_std"] = result.MacroF1Std,
            ["ece"] = Finite(result.Ece),
            ["ece_before_calibration"] = Finite(result.EceBefore),
            ["classes"] = new JsonArray(result.Classes.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray()),
            ["confusion"] = Matrix(result.Confusion),
            ["runs"] = new JsonArray(result.Runs.Select(r => (JsonNode)new JsonObject
            {
                ["seed"] = r.Seed,
                ["wa"] = Finite(r.Test.Wa),
                ["ua"] = Finite(r.Test.Ua),
                ["macro_f1"] = Finite(r.Test.MacroF1),
                ["utterances"] = r.Test.Count,
                ["temperature"] = r.Temperatures.Pooled,
                ["temperatures"] = Temperatures(r.Temperatures),
                ["ece"] = Finite(r.Ece),
                ["ece_before_calibration"] = Finite(r.EceBefore),
                ["seconds"] = Math.Round(r.Elapsed.TotalSeconds, 2),
                ["confusion"] = Matrix(r.Test.Confusion),
            }).ToArray()),
        };
        if (extra is not null)
            foreach (var (key, value) in extra) json[key] = value?.DeepClone();
        return json;
    }

    public static void WriteJson(string path, JsonObject json)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }

    public static void Print(IAnsiConsole console, ExperimentResult result, string title)
    {
        var runs = new Table().Title(title).AddColumns("run", "seed", "WA", "UA", "macro-F1", "T (pooled)", "ECE before", "ECE", "time");
        for (var i = 0; i < result.Runs.Count; i++)
        {
            var r = result.Runs[i];
            runs.AddRow($"{i + 1}", $"{r.Seed}", Pct(r.Test.Wa), Pct(r.Test.Ua), Pct(r.Test.MacroF1), $"{r.Temperatures.Pooled:F3}", Pct(r.EceBefore), Pct(r.Ece),
                $"{r.Elapsed.TotalSeconds:F1}s");
        }
        if (result.Runs.Count > 1)
            runs.AddRow("[bold]mean ± sd[/]", "", $"{Pct(result.Wa)} ± {Pct(result.WaStd)}", $"{Pct(result.Ua)} ± {Pct(result.UaStd)}",
                $"{Pct(result.MacroF1)} ± {Pct(result.MacroF1Std)}", "", Pct(result.EceBefore), Pct(result.Ece), "");
        console.Write(runs);

        var confusion = new Table().Title(result.Runs.Count > 1 ? "confusion (summed over runs; rows truth, columns prediction)" : "confusion (rows truth, columns prediction)")
            .AddColumn("truth \\ predicted");
        foreach (var c in result.Classes) confusion.AddColumn(c);
        var m = result.Confusion;
        for (var t = 0; t < result.Classes.Count; t++)
            confusion.AddRow(new[] { result.Classes[t] }.Concat(m[t].Select(x => x.ToString())).ToArray());
        console.Write(confusion);
    }

    /// <summary>Temperature per modality pattern (audio, text, audio+text), the pooled one where a pattern has none of its own.</summary>
    public static JsonObject Temperatures(Temperatures temperatures) =>
        new(Enum.GetValues<ModalityPattern>().Select(p => KeyValuePair.Create(ModalityPatterns.Name(p), (JsonNode?)temperatures.For(p))));

    /// <summary>Calibration per modality pattern: utterances, temperature, ECE before and after.</summary>
    public static JsonArray ByModality(IReadOnlyList<ModalityCalibrationError> rows) =>
        new(rows.Select(r => (JsonNode)new JsonObject
        {
            ["modalities"] = ModalityPatterns.Name(r.Modalities),
            ["utterances"] = r.Utterances,
            ["temperature"] = r.Temperature,
            ["ece_before_calibration"] = Finite(r.EceBefore),
            ["ece"] = Finite(r.Ece),
        }).ToArray());

    public static void PrintByModality(IAnsiConsole console, IReadOnlyList<ModalityCalibrationError> rows, string title)
    {
        var table = new Table().Title(title).AddColumns("modalities", "utterances", "T", "ECE before", "ECE");
        foreach (var r in rows)
            table.AddRow(ModalityPatterns.Name(r.Modalities), $"{r.Utterances}", $"{r.Temperature:F3}", Pct(r.EceBefore), Pct(r.Ece));
        console.Write(table);
    }

    /// <summary>A JSON array of strings (group names, paths).</summary>
    public static JsonArray Strings(IEnumerable<string> items) => new(items.Select(g => (JsonNode)JsonValue.Create(g)).ToArray());

    // JSON has no NaN: an empty test set's ECE is written as null.
    private static JsonNode? Finite(double x) => double.IsFinite(x) ? JsonValue.Create(x) : null;

    private static string Pct(double x) => double.IsNaN(x) ? "n/a" : $"{100 * x:F2}%";

    private static JsonArray Matrix(int[][] m) =>
        new(m.Select(row => (JsonNode)new JsonArray(row.Select(x => (JsonNode)JsonValue.Create(x)).ToArray())).ToArray());
}
