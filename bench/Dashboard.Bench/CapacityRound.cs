using EmoStream.Bench;
using EmoStream.Sessions.Storage;

namespace EmoStream.Dashboard.Bench;

/// <summary>
/// One round of <c>session-capacity</c>: N simultaneous real-time sessions, what their viewers received, and
/// whether the server kept up with them.
/// </summary>
internal sealed record CapacityRound(
    int Sessions,
    int Utterances,
    double Median,
    double P95,
    double Max,
    double Growth,
    double EndLag,
    int NotCompleted,
    ProcessUsage Usage,
    string Load)
{
    /// <summary>Falls behind when the last quarter's median latency exceeds the first quarter's by more than this (a queue is building).</summary>
    public const double MaxGrowthSeconds = 0.5;

    /// <summary>Falls behind when the 95th percentile of end of speech to viewer exceeds this: results too late to follow a conversation.</summary>
    public const double MaxP95Seconds = 2.5;

    /// <summary>Falls behind when a session's end reaches its viewer more than this after its audio ended: the backlog outlives the audio.</summary>
    public const double MaxEndLagSeconds = 2.5;

    public static string Definition =>
        $"falls behind when any of: last-quarter median latency - first-quarter median > {MaxGrowthSeconds:F1} s (growth), " +
        $"p95 > {MaxP95Seconds:F1} s, a session's end reaching its viewer > {MaxEndLagSeconds:F1} s after its audio ended (end lag), " +
        "a session not completing; quarters are each session's first and last quarter of results, pooled over sessions";

    /// <param name="duration">The recording's length in seconds.</param>
    public static CapacityRound Of(int sessions, IReadOnlyList<ViewedSession> viewed, double duration, ProcessUsage usage)
    {
        var all = viewed.SelectMany(v => v.Results).Select(r => r.Latency).ToArray();
        var first = new List<double>();
        var last = new List<double>();
        foreach (var v in viewed)
        {
            var quarter = (v.Results.Count + 3) / 4;
            first.AddRange(v.Results.Take(quarter).Select(r => r.Latency));
            last.AddRange(v.Results.TakeLast(quarter).Select(r => r.Latency));
        }
        return new CapacityRound(sessions, all.Length, Quantiles.Of(all, 0.5), Quantiles.Of(all, 0.95), all.Max(),
            Quantiles.Of(last, 0.5) - Quantiles.Of(first, 0.5), viewed.Max(v => v.EndedAt) - duration,
            viewed.Count(v => v.Session.Status != SessionStatus.Completed), usage, BenchmarkHost.LoadAverage());
    }

    /// <summary>Which criteria of <see cref="Definition"/> this round breaks; empty when it kept up.</summary>
    public IReadOnlyList<string> Breaches() =>
    [
        .. Growth > MaxGrowthSeconds ? ["growth"] : Array.Empty<string>(),
        .. P95 > MaxP95Seconds ? ["p95"] : Array.Empty<string>(),
        .. EndLag > MaxEndLagSeconds ? ["end lag"] : Array.Empty<string>(),
        .. NotCompleted > 0 ? [$"{NotCompleted} not completed"] : Array.Empty<string>(),
    ];

    public static string Header =>
        "| sessions | utterances | median | p95 | max | growth | end lag | CPU (cores) | pool threads / queue (max) | RSS at start | peak RSS | per session | load | keeps up |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    public string Row()
    {
        var breaches = Breaches();
        var perSession = (Usage.PeakRss - Usage.BaselineRss) / 1e6 / Sessions;
        return $"| {Sessions} | {Utterances} | {Median * 1000:F0} ms | {P95 * 1000:F0} ms | {Max * 1000:F0} ms | {Growth * 1000:+0;-0} ms | " +
            $"{EndLag:F1} s | {Usage.Cores:F2} | {Usage.PeakPoolThreads} / {Usage.PeakPoolQueue} | {Usage.BaselineRss / 1e6:F0} MB | {Usage.PeakRss / 1e6:F0} MB | {perSession:F1} MB | {Load} | " +
            $"{(breaches.Count == 0 ? "yes" : "no: " + string.Join(", ", breaches))} |";
    }
}
