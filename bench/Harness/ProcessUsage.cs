namespace EmoStream.Bench;

/// <summary>What <see cref="ProcessSampler"/> measured over one interval.</summary>
/// <param name="BaselineRss">Resident bytes at the start, after a full garbage collection.</param>
/// <param name="PeakRss">Highest resident bytes sampled during the interval.</param>
/// <param name="PeakPoolQueue">Most thread-pool work items sampled waiting for a thread.</param>
/// <param name="PeakPoolThreads">Most thread-pool threads sampled.</param>
public sealed record ProcessUsage(double WallSeconds, double CpuSeconds, long BaselineRss, long PeakRss, long PeakPoolQueue, int PeakPoolThreads)
{
    /// <summary>Cores busy on average (CPU seconds over wall seconds), all of this process's threads.</summary>
    public double Cores => CpuSeconds / WallSeconds;
}
