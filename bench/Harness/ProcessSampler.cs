using System.Diagnostics;

namespace EmoStream.Bench;

/// <summary>
/// This process's CPU use, peak resident memory and thread-pool backlog over an interval. Resident memory is sampled
/// (Linux keeps only a lifetime peak), from a baseline taken after a full garbage collection so the interval's own
/// growth shows; the thread pool's queue and thread count tell work waiting for a thread from work waiting for a core.
/// </summary>
public sealed class ProcessSampler
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(50);

    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpuAtStart;
    private readonly long _baseline;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<(long Rss, long Queue, int Threads)> _peak;

    private ProcessSampler()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        _baseline = Environment.WorkingSet;
        _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        _peak = SampleAsync(_stop.Token);
    }

    public static ProcessSampler Start() => new();

    private async Task<(long Rss, long Queue, int Threads)> SampleAsync(CancellationToken cancellationToken)
    {
        var peak = (Rss: _baseline, Queue: 0L, Threads: 0);
        void Sample() => peak = (Math.Max(peak.Rss, Environment.WorkingSet), Math.Max(peak.Queue, ThreadPool.PendingWorkItemCount),
            Math.Max(peak.Threads, ThreadPool.ThreadCount));
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false)) Sample();
        }
        catch (OperationCanceledException)
        {
        }
        Sample();
        return peak;
    }

    public async Task<ProcessUsage> StopAsync()
    {
        var wall = _wall.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart;
        await _stop.CancelAsync().ConfigureAwait(false);
        var peak = await _peak.ConfigureAwait(false);
        _stop.Dispose();
        return new ProcessUsage(wall.TotalSeconds, cpu.TotalSeconds, _baseline, peak.Rss, peak.Queue, peak.Threads);
    }
}
