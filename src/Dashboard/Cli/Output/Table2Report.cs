using System.Text.Json.Nodes;
using EmoStream.Inference.Experiments;
using EmoStream.Inference.Statistics;
using Spectre.Console;

namespace EmoStream.Dashboard.Cli.Output;

/// <summary>The paper's Table 2 layout: per setting, WA mean ± sd of lambda 0 and lambda 1, their difference and paired tests.</summary>
public static class Table2Report
{
    public const double Alpha = 0.05;

    public static void Print(IAnsiConsole console, IReadOnlyList<Table2Row> rows, string title)
    {
        var table = new Table().Title(title)
            .AddColumns("setting", "test", "lambda 0 WA (%)", "lambda 1 WA (%)", "difference (points)", "paired t (p)", "Wilcoxon W+ (p)", $"significant (p < {Alpha})");
        foreach (var r in rows)
            table.AddRow(r.Setting.Name, r.Setting.TestName,
                $"{Pct(r.Comparison.Wa)} ± {Pct(r.Comparison.WaStd)}", $"{Pct(r.Full.Wa)} ± {Pct(r.Full.WaStd)}",
                $"{100 * r.Difference:+0.00;-0.00;0.00}", Test(r.TTest), Test(r.Wilcoxon),
                r.TTest.SignificantAt(Alpha) || r.Wilcoxon.SignificantAt(Alpha) ? Verdict(r) : "no");
        console.Write(table);
    }

    public static JsonObject ToJson(IReadOnlyList<Table2Row> rows, JsonObject extra)
    {
        var json = new JsonObject
        {
            ["settings"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
            {
                ["setting"] = r.Setting.Name,
                ["test"] = r.Setting.TestName,
                ["labeled"] = MetricsReport.Strings(r.Setting.Labeled),
                ["unlabeled"] = MetricsReport.Strings(r.Setting.Unlabeled),
                ["test_groups"] = MetricsReport.Strings(r.Setting.Test),
                ["lambda0"] = System(r.Comparison),
                ["lambda1"] = System(r.Full),
                ["difference"] = r.Difference,
                ["paired_t"] = Test(r.TTest, "t"),
                ["wilcoxon"] = Test(r.Wilcoxon, "w_plus"),
            }).ToArray()),
        };
        foreach (var (key, value) in extra) json[key] = value?.DeepClone();
        return json;
    }

    private static JsonObject System(Inference.Training.ExperimentResult r) => new()
    {
        ["wa"] = r.Wa,
        ["wa_std"] = r.WaStd,
        ["ua"] = r.Ua,
        ["macro_f1"] = r.MacroF1,
        ["runs"] = new JsonArray(r.Runs.Select(x => (JsonNode)new JsonObject { ["seed"] = x.Seed, ["wa"] = x.Test.Wa, ["seconds"] = Math.Round(x.Elapsed.TotalSeconds, 2) }).ToArray()),
    };

    private static JsonObject Test(PairedTestResult t, string statistic) => new()
    {
        [statistic] = double.IsFinite(t.Statistic) ? t.Statistic : null,
        ["p"] = double.IsFinite(t.PValue) ? t.PValue : null,
        ["pairs"] = t.Pairs,
        ["method"] = t.Method,
    };

    private static string Verdict(Table2Row r) => r.Difference > 0 ? "yes, lambda 1 better" : "yes, lambda 1 worse";

    private static string Test(PairedTestResult t) => double.IsFinite(t.PValue) ? $"{t.Statistic:F2} ({t.PValue:F4})" : "n/a";

    private static string Pct(double x) => double.IsNaN(x) ? "n/a" : $"{100 * x:F2}";
}
