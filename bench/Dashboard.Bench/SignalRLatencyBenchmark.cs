using System.Diagnostics;
using EmoStream.Bench;
using EmoStream.Capture.Sources;
using EmoStream.Dashboard.Hosting;
using EmoStream.Dashboard.Pipeline;
using EmoStream.Dashboard.Sessions;
using EmoStream.Dashboard.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

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
        var configuration = run.Configuration();
        await using var pipelines = await PipelineHost.CreateAsync(configuration, run.Model, NullLoggerFactory.Instance);
        await using var app = WebHost.Build(configuration, "http://127.0.0.1:0", pipelines);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var service = app.Services.GetRequiredService<SessionService>();

        var runs = await Task.WhenAll(Enumerable.Range(0, run.Sessions).Select(async _ =>
        {
            await using var viewer = new HubConnectionBuilder().WithUrl(new Uri(address, WebHost.HubPath))
                .AddJsonProtocol(o => WebHost.UseStringEnums(o.PayloadSerializerOptions)).Build();
            var latencies = new List<double>();
            var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clock = new Stopwatch();
            viewer.On<UtteranceRecord>(SessionEvents.Utterance, r => { lock (latencies) latencies.Add(clock.Elapsed.TotalSeconds - r.End); });
            viewer.On<SessionRecord>(SessionEvents.SessionEnded, _ => ended.TrySetResult());
            await viewer.StartAsync();
            // The same start of the clock as pipeline-latency: just before the session (and its source) starts.
            clock.Start();
            var session = await service.StartReplayAsync(run.Wav, new ReplayOptions { Pacing = ReplayPacing.RealTime }, CancellationToken.None);
            await viewer.InvokeAsync("JoinSession", session.Id, 0);
            await ended.Task;
            return latencies;
        }));
        var all = runs.SelectMany(r => r).Order().ToArray();
        double Quantile(double q) => Quantiles.Of(all, q);
        Console.WriteLine($"engine {pipelines.Transcription.Engine} ({pipelines.Transcription.Reason}), {run.Sessions} session(s), {all.Length} utterances");
        Console.WriteLine($"end of speech -> SignalR client receipt: median {Quantile(0.5) * 1000:F0} ms, p95 {Quantile(0.95) * 1000:F0} ms, max {all[^1] * 1000:F0} ms");
        await app.StopAsync();
    }
}
