using System.Diagnostics;

namespace EmoStream.Bench;

/// <summary>
/// This process's CPU use and peak resident memory over an interval. Resident memory is sampled (Linux keeps only a
/// lifetime peak), from a baseline taken after a full garbage collection so the interval's own growth shows.
/// </summary>
public sealed class ProcessSampler
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(50);

    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpuAtStart;
    private readonly long _baseline;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<long> _peak;

    private ProcessSampler()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        _baseline = Environment.WorkingSet;
        _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        _peak = SampleAsync(_stop.Token);
    }

    public static ProcessSampler Start() => new();

    private async Task<long> SampleAsync(CancellationToken cancellationToken)
    {
        var peak = _baseline;
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                peak = Math.Max(peak, Environment.WorkingSet);
        }
        catch (OperationCanceledException)
        {
        }
        return Math.Max(peak, Environment.WorkingSet);
    }

    public async Task<ProcessUsage> StopAsync()
    {
        var wall = _wall.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart;
        await _stop.CancelAsync().ConfigureAwait(false);
        var peak = await _peak.ConfigureAwait(false);
        _stop.Dispose();
        return new ProcessUsage(wall.TotalSeconds, cpu.TotalSeconds, _baseline, peak);
    }
}
