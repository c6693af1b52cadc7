using EmoStream.Bench;

namespace EmoStream.Dashboard.Bench;

/// <summary>
/// The web host on loopback with SESSIONS real-time replays of one recording, each watched by its own SignalR
/// client: per utterance, the time from the end of its speech (on the recording's clock) to the client receiving
/// its result. <c>pipeline-latency</c> measures the same up to storage, so the difference is the broadcast.
/// </summary>
public sealed class SignalRLatencyBenchmark : IBenchmark
{
    public string Name => "signalr-latency";

    public string Description => "MODEL WAV [none|pocketsphinx|whisper] [SESSIONS]: end of speech -> SignalR client receipt, median and p95, real-time replay";

    public void Run(IReadOnlyList<string> args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task RunAsync(IReadOnlyList<string> args)
    {
        using var run = LatencyRun.Parse(args);
        await using var server = await LoopbackServer.StartAsync(run);
        var viewed = await server.ReplayAsync(run.Wav, run.Sessions);
        var all = viewed.SelectMany(v => v.Results).Select(r => r.Latency).Order().ToArray();
        double Quantile(double q) => Quantiles.Of(all, q);
        Console.WriteLine($"engine {server.Transcription.Engine} ({server.Transcription.Reason}), {run.Sessions} session(s), {all.Length} utterances");
        Console.WriteLine($"end of speech -> SignalR client receipt: median {Quantile(0.5) * 1000:F0} ms, p95 {Quantile(0.95) * 1000:F0} ms, max {all[^1] * 1000:F0} ms");
    }
}
