using EmoStream.Inference.Corpora;
using EmoStream.Inference.Model;
using EmoStream.Inference.Statistics;
using EmoStream.Inference.Training;

namespace EmoStream.Inference.Experiments;

/// <summary>
/// The paper's Table 2 (Lian et al., 2020, Section 3.4): for each setting, R runs of the comparison system (lambda 0)
/// and R runs of the full system (lambda 1) with the same seeds S..S+R-1, on the same split, scored on the test group.
/// The per-seed WAs are paired, so the tests compare the two systems seed by seed.
/// </summary>
public static class Table2Protocol
{
    public const double ComparisonLambda = 0;
    public const double FullLambda = 1;

    /// <param name="checkpoint">Runs finished earlier are taken from it, and each new one is recorded there.</param>
    public static Table2Row RunSetting(Corpus corpus, FeatureInputs features, Table2Setting setting, ModelOptions model, TrainingOptions options,
        int runs, IProgress<Table2RunReport>? progress = null, ITable2Checkpoint? checkpoint = null, CancellationToken ct = default)
    {
        using var data = TrainingSet.Build(corpus, features, setting.Labeled, setting.Unlabeled, setting.Test);
        ExperimentResult Run(double lambda) => Experiment.Run(data, features, model, options.With(o => o.Lambda = lambda), runs,
            runProgress: new Progress(setting.Name, lambda, runs, progress, checkpoint),
            reuse: checkpoint is null ? null : seed => checkpoint.Find(setting.Name, lambda, seed), ct: ct);
        var comparison = Run(ComparisonLambda);
        var full = Run(FullLambda);
        var a = comparison.Runs.Select(r => r.Test.Wa).ToArray();
        var b = full.Runs.Select(r => r.Test.Wa).ToArray();
        return new Table2Row(setting, comparison, full,
            runs >= 2 ? PairedTests.TTest(a, b) : new PairedTestResult("paired t", double.NaN, runs, double.NaN, "needs 2 runs or more"),
            PairedTests.Wilcoxon(a, b));
    }

    private sealed class Progress(string setting, double lambda, int runs, IProgress<Table2RunReport>? target, ITable2Checkpoint? checkpoint)
        : IProgress<(int Run, RunResult Result)>
    {
        public void Report((int Run, RunResult Result) value)
        {
            var reused = checkpoint?.Find(setting, lambda, value.Result.Seed) is not null;
            if (!reused) checkpoint?.Record(setting, lambda, value.Result);
            target?.Report(new Table2RunReport(setting, lambda, value.Run, runs, value.Result, reused));
        }
    }
}
