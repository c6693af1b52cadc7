using EmoStream.Inference.Calibration;
using EmoStream.Inference.Evaluation;

namespace EmoStream.Inference.Training;

/// <summary>
/// One training run: its seed, its metrics on the test groups, and its calibration (the temperatures fitted on the
/// calibration groups, none without them; the test groups' expected calibration error before and after).
/// </summary>
public sealed record RunResult(int Seed, ClassificationMetrics Test, TimeSpan Elapsed, Temperatures Temperatures, double EceBefore, double Ece);

/// <summary>Several runs of one configuration with consecutive seeds, summarised as mean and standard deviation.</summary>
public sealed record ExperimentResult(IReadOnlyList<string> Classes, IReadOnlyList<RunResult> Runs)
{
    public double Wa => Runs.Average(r => r.Test.Wa);
    public double Ua => Runs.Average(r => r.Test.Ua);
    public double MacroF1 => Runs.Average(r => r.Test.MacroF1);
    public double WaStd => Std(Runs.Select(r => r.Test.Wa));
    public double UaStd => Std(Runs.Select(r => r.Test.Ua));
    public double MacroF1Std => Std(Runs.Select(r => r.Test.MacroF1));
    public double Ece => Runs.Average(r => r.Ece);
    public double EceBefore => Runs.Average(r => r.EceBefore);

    /// <summary>Confusion counts summed over runs (rows truth, columns prediction).</summary>
    public int[][] Confusion => Enumerable.Range(0, Classes.Count)
        .Select(t => Enumerable.Range(0, Classes.Count).Select(p => Runs.Sum(r => r.Test.Confusion[t][p])).ToArray())
        .ToArray();

    /// <summary>Sample standard deviation (n - 1); 0 for a single run.</summary>
    public static double Std(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.Length < 2) return 0;
        var mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }
}
