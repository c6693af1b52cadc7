using EmoStream.Inference.Statistics;
using EmoStream.Inference.Training;

namespace EmoStream.Inference.Experiments;

/// <summary>
/// One setting's outcome: the comparison system (lambda 0) and the full system (lambda 1) over the same seeds, the
/// difference of their mean WA (full minus comparison) and paired tests of the per-seed WAs.
/// </summary>
public sealed record Table2Row(Table2Setting Setting, ExperimentResult Comparison, ExperimentResult Full, PairedTestResult TTest, PairedTestResult Wilcoxon)
{
    public double Difference => Full.Wa - Comparison.Wa;
}
