using System.Globalization;
using EmoStream.Bench;
using EmoStream.Capture.Audio;

namespace EmoStream.Dashboard.Bench;

/// <summary>
/// How many simultaneous real-time sessions the server sustains: the web host on loopback replays one recording
/// in N sessions (started together or spread over SPREAD_S), each watched by its own SignalR client, for
/// N = 1, 2, 4, ... up to SESSIONS or until a
/// round falls behind (<see cref="CapacityRound.Definition"/>). Per round: latency from end of speech to viewer,
/// its growth through the run, CPU use and resident memory of the whole process (server and viewers).
/// </summary>
public sealed class SessionCapacityBenchmark : IBenchmark
{
    public string Name => "session-capacity";

    public string Description =>
        "MODEL WAV [none|pocketsphinx|whisper] [SESSIONS] [SPREAD_S]: real-time sessions with SignalR viewers, N = 1, 2, 4, ... until they fall behind; " +
        "session k starts k/N of SPREAD_S seconds later (default 0: all at once)";

    public void Run(IReadOnlyList<string> args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task RunAsync(IReadOnlyList<string> args)
    {
        using var run = LatencyRun.Parse(args);
        var spread = TimeSpan.FromSeconds(args.Count > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 0);
        var audio = AudioFileReader.Default.Read(run.Wav);
        var duration = (double)audio.FrameCount / audio.SampleRate;
        var loading = ProcessSampler.Start();
        await using var server = await LoopbackServer.StartAsync(run);
        var loaded = await loading.StopAsync();
        Console.WriteLine($"engine {server.Transcription.Engine} ({server.Transcription.Reason}); recording {duration:F1} s; up to {run.Sessions} sessions, starts spread over {spread.TotalSeconds:F1} s");
        Console.WriteLine($"memory: {loaded.BaselineRss / 1e6:F0} MB before the host, {Environment.WorkingSet / 1e6:F0} MB with model, vectors, VAD and decoders loaded");
        Console.WriteLine(CapacityRound.Definition);
        Console.WriteLine(CapacityRound.Header);
        var sustained = 0;
        for (var sessions = 1; sessions <= run.Sessions; sessions *= 2)
        {
            var sampler = ProcessSampler.Start();
            var viewed = await server.ReplayAsync(run.Wav, sessions, spread);
            var round = CapacityRound.Of(sessions, viewed, duration, await sampler.StopAsync());
            Console.WriteLine(round.Row());
            if (round.Breaches().Count > 0) break;
            sustained = sessions;
        }
        Console.WriteLine(sustained == run.Sessions
            ? $"sustained: all {sustained} sessions tried kept up (raise SESSIONS to find the limit)"
            : $"sustained: {sustained} simultaneous real-time session(s)");
    }
}
