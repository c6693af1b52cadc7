namespace EmoStream.Inference.Statistics;

/// <summary>
/// A paired test of two systems over the same seeds: the statistic (t, or the signed-rank sum W+ of the differences
/// second minus first), the number of pairs it used and the two-sided p-value. <see cref="Method"/> says how p was computed.
/// </summary>
public sealed record PairedTestResult(string Test, double Statistic, int Pairs, double PValue, string Method)
{
    public bool SignificantAt(double alpha) => PValue < alpha;
}
