using EmoStream.Bench;
using System.Diagnostics;
using EmoStream.Capture.Sources;
using EmoStream.Dashboard.Pipeline;
using EmoStream.Dashboard.Storage;
using Microsoft.Extensions.Configuration;
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
        var (model, wav) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]));
        var engine = args.Count > 2 ? args[2] : "none";
        var sessions = args.Count > 3 ? int.Parse(args[3]) : 1;
        var data = Directory.CreateTempSubdirectory("emostream-bench-").FullName;
        var configuration = new ConfigurationBuilder().AddJsonFile(BenchSettings.AppSettingsPath(), optional: false)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = data, ["Transcription:Engine"] = engine })
            .Build();
        var before = Process.GetCurrentProcess().WorkingSet64;
        await using var host = await PipelineHost.CreateAsync(configuration, model, NullLoggerFactory.Instance);
        var loaded = Process.GetCurrentProcess().WorkingSet64;
        var latencies = new List<double>();
        var peak = loaded;
        var runs = await Task.WhenAll(Enumerable.Range(0, sessions).Select(async _ =>
        {
            var clock = Stopwatch.StartNew();
            var session = await host.StartSessionAsync(new FileReplaySource(wav, new ReplayOptions { Pacing = ReplayPacing.RealTime }),
                SessionKind.Live, ["speaker"]);
            var mine = new List<double>();
            await foreach (var r in session.Results.ReadAllAsync())
            {
                mine.Add(clock.Elapsed.TotalSeconds - r.End);
                peak = Math.Max(peak, Process.GetCurrentProcess().WorkingSet64);
            }
            return mine;
        }));
        foreach (var run in runs) latencies.AddRange(run);
        latencies.Sort();
        double Quantile(double q) => latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(q * latencies.Count) - 1)];
        Console.WriteLine($"engine {host.Transcription.Engine} ({host.Transcription.Reason}), {sessions} session(s), {latencies.Count} utterances");
        Console.WriteLine($"end of speech -> stored result: median {Quantile(0.5) * 1000:F0} ms, p95 {Quantile(0.95) * 1000:F0} ms, max {latencies[^1] * 1000:F0} ms");
        Console.WriteLine($"memory: {before / 1e6:F0} MB at start, {loaded / 1e6:F0} MB with model/VAD/engine loaded, peak {peak / 1e6:F0} MB; " +
            $"{(peak - loaded) / 1e6 / sessions:F1} MB per session above the shared part");
        Directory.Delete(data, recursive: true);
    }
}
