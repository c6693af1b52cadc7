using System.Collections.Concurrent;
using EmoStream.Bench;
using System.Diagnostics;
using EmoStream.Capture.Sources;
using EmoStream.Sessions;
using EmoStream.Sessions.Pipeline;
using EmoStream.Sessions.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmoStream.Dashboard.Bench;

/// <summary>
/// N sessions replaying one recording in real time at once: for each utterance, the time from the end of its speech
/// (on the recording's clock) to its result leaving the pipeline, stored. Includes the segmenter's end-of-speech
/// hang-over (Capture:Segmentation:MinSilenceMs): a live system cannot know sooner that the utterance ended.
/// </summary>
public sealed class PipelineLatencyBenchmark : IBenchmark
{
    public string Name => "pipeline-latency";

    public string Description => "MODEL WAV [none|pocketsphinx|whisper] [SESSIONS]: end of speech -> stored result, median and p95, real-time replay";

    public void Run(IReadOnlyList<string> args) => RunAsync(args).GetAwaiter().GetResult();

    private async Task RunAsync(IReadOnlyList<string> args)
    {
        using var run = LatencyRun.Parse(args);
        var sessions = run.Sessions;
        var before = Process.GetCurrentProcess().WorkingSet64;
        await using var host = await SessionRegistry.CreateAsync(run.Configuration(), run.Model, NullLoggerFactory.Instance);
        var loaded = Process.GetCurrentProcess().WorkingSet64;
        var latencies = new List<double>();
        var peak = loaded;
        var clocks = new ConcurrentDictionary<string, Stopwatch>();
        var observed = new ConcurrentDictionary<string, List<double>>();
        using var subscription = host.Subscribe(new Observer((session, r) =>
        {
            observed.GetOrAdd(session.Id, _ => []).Add(clocks[session.Id].Elapsed.TotalSeconds - r.End);
            peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64);
        }));
        var runs = await Task.WhenAll(Enumerable.Range(0, sessions).Select(async _ =>
        {
            var clock = Stopwatch.StartNew();
            var source = new FileReplaySource(run.Wav, new ReplayOptions { Pacing = ReplayPacing.RealTime });
            var session = await host.StartAsync(source, SessionKind.Live, ["speaker"], null, CancellationToken.None);
            clocks[session.Id] = clock;
            await session.Completion;
            return observed.GetValueOrDefault(session.Id) ?? [];
        }));
        foreach (var mine in runs) latencies.AddRange(mine);
        double Quantile(double q) => Quantiles.Of(latencies, q);
        Console.WriteLine($"engine {host.Transcription.Engine} ({host.Transcription.Reason}), {sessions} session(s), {latencies.Count} utterances");
        Console.WriteLine($"end of speech -> stored result: median {Quantile(0.5) * 1000:F0} ms, p95 {Quantile(0.95) * 1000:F0} ms, max {latencies.Max() * 1000:F0} ms");
        Console.WriteLine($"memory: {before / 1e6:F0} MB at start, {loaded / 1e6:F0} MB with model/VAD/engine loaded, peak {peak / 1e6:F0} MB; " +
            $"{(peak - loaded) / 1e6 / sessions:F1} MB per session above the shared part");
    }

    /// <summary>Hears each stored result of every session (the registry's one reader hands them over in order).</summary>
    private sealed class Observer(Action<RunningSession, UtteranceRecord> onResult) : ISessionObserver
    {
        public Task StartedAsync(RunningSession session) => Task.CompletedTask;

        public Task UtteranceAsync(RunningSession session, UtteranceRecord utterance)
        {
            onResult(session, utterance);
            return Task.CompletedTask;
        }

        public Task EndedAsync(RunningSession session, SessionOutcome outcome) => Task.CompletedTask;
    }
}
