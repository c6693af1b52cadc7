using System.Text.Json.Nodes;
using EmoStream.Inference.Calibration;
using EmoStream.Inference.Evaluation;
using EmoStream.Inference.Training;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli.Output;

/// <summary>What `calibrate` prints: the fitted temperatures and the calibration error they give on test groups.</summary>
public static class CalibrationReport
{
    public static IReadOnlyList<CalibrationComparison> Compare(IReadOnlyList<UtterancePrediction> predictions, Temperatures temperatures)
    {
        var labeled = predictions.Where(p => p.Truth != EncodedDialogue.Ignore).ToArray();
        if (labeled.Length == 0) return [];
        var pooled = new Temperatures(temperatures.Pooled);
        var withPooled = DialoguePredictor.CalibrationErrorByModality(labeled, pooled);
        var withOwn = DialoguePredictor.CalibrationErrorByModality(labeled, temperatures);
        return withPooled.Zip(withOwn, (a, b) => new CalibrationComparison(a.Modalities, a.Utterances, a.EceBefore, a.Ece, b.Ece))
            .Append(new CalibrationComparison(null, labeled.Length, DialoguePredictor.CalibrationError(labeled, Temperatures.None),
                DialoguePredictor.CalibrationError(labeled, pooled), DialoguePredictor.CalibrationError(labeled, temperatures)))
            .ToArray();
    }

    public static void PrintFit(IAnsiConsole console, IReadOnlyList<UtterancePrediction> held, Temperatures temperatures)
    {
        var table = new Table().Title("fitted temperatures").AddColumns("modalities", "held-out utterances", "T");
        var counts = held.Where(p => p.Truth != EncodedDialogue.Ignore && p.Modalities is not null).GroupBy(p => p.Modalities!.Value)
            .ToDictionary(g => g.Key, g => g.Count());
        foreach (var pattern in Enum.GetValues<ModalityPattern>())
        {
            var own = temperatures.ByModality.ContainsKey(pattern);
            table.AddRow(ModalityPatterns.Name(pattern), $"{counts.GetValueOrDefault(pattern)}",
                own ? $"{temperatures.For(pattern):F3}" : $"{temperatures.Pooled:F3} (pooled: fewer than {TemperatureScaling.MinimumPerPattern})");
        }
        table.AddRow("all (pooled)", $"{counts.Values.Sum()}", $"{temperatures.Pooled:F3}");
        console.Write(table);
    }

    public static void PrintComparison(IAnsiConsole console, IReadOnlyList<CalibrationComparison> rows, string title)
    {
        var table = new Table().Title(title).AddColumns("modalities", "utterances", "ECE uncalibrated", "ECE pooled T", "ECE per-modality T");
        foreach (var r in rows)
            table.AddRow(Name(r.Modalities), $"{r.Utterances}", Pct(r.Uncalibrated), Pct(r.Pooled), Pct(r.PerModality));
        console.Write(table);
    }

    public static JsonArray ToJson(IReadOnlyList<CalibrationComparison> rows) =>
        new(rows.Select(r => (JsonNode)new JsonObject
        {
            ["modalities"] = Name(r.Modalities),
            ["utterances"] = r.Utterances,
            ["ece_uncalibrated"] = r.Uncalibrated,
            ["ece_pooled"] = r.Pooled,
            ["ece"] = r.PerModality,
        }).ToArray());

    private static string Name(ModalityPattern? pattern) => pattern is { } p ? ModalityPatterns.Name(p) : "all";

    private static string Pct(double x) => $"{100 * x:F2}%";
}
