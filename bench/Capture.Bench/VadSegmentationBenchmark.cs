using EmoStream.Bench;
using System.Diagnostics;
using EmoStream.Capture.Segmentation;
using EmoStream.Capture.Vad;

namespace EmoStream.Capture.Bench;

/// <summary>
/// Voice activity detection plus segmentation over conversation audio fed in 20 ms frames as a live source
/// would, on one core: speed as a multiple of real time, per engine, by the wall clock and by the CPU time
/// spent (the second holds on a machine shared with other work). Then memory per live stream: many
/// streams (detector + segmenter each) held mid-conversation at once, managed heap growth divided by their number.
/// </summary>
public sealed class VadSegmentationBenchmark : IBenchmark
{
    public string Name => "vad-segmentation";
    public string Description => "VAD + utterance segmentation speed vs real time (one core) and memory per stream [seconds=600] [streams=200]";

    public void Run(IReadOnlyList<string> args)
    {
        var seconds = args.Count > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 600;
        var streams = args.Count > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200;
        var audio = SpeechAudioSample.Build(seconds);
        Console.WriteLine($"audio: {seconds:F0} s of corpus speech with 1 s pauses, fed in 20 ms frames");

        foreach (var engine in new[] { VadEngine.Silero, VadEngine.Energy })
        {
            using var factory = VoiceActivityDetection.CreateFactory(new VadOptions { Engine = engine });
            Segment(factory, audio, 30 * 16_000); // warm-up: JIT, ONNX Runtime's first runs
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var utterances = Segment(factory, audio, audio.Length);
            clock.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine($"{factory.Name,-12} {utterances,5} utterances; wall {clock.Elapsed.TotalSeconds,6:F2} s = {seconds / clock.Elapsed.TotalSeconds,5:F0}x real time; " +
                              $"CPU {cpu.TotalSeconds,6:F2} s = {seconds / cpu.TotalSeconds,5:F0}x real time per core");
        }

        using (var silero = VoiceActivityDetection.CreateFactory(new VadOptions()))
        {
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var residentBefore = Process.GetCurrentProcess().WorkingSet64;
            var live = new List<UtteranceSegmenter>();
            // Each stream stops 10 s in, mid-conversation, as live streams are at any moment.
            var prefix = audio.AsSpan(0, Math.Min(audio.Length, 10 * 16_000));
            for (var s = 0; s < streams; s++)
            {
                var segmenter = new UtteranceSegmenter($"s{s}", silero.Create(), new SegmentationOptions());
                for (var at = 0; at < prefix.Length; at += 320) segmenter.Push(prefix.Slice(at, Math.Min(320, prefix.Length - at)));
                live.Add(segmenter);
            }
            var after = GC.GetTotalMemory(forceFullCollection: true);
            var residentAfter = Process.GetCurrentProcess().WorkingSet64;
            var perStream = (after - before) / (double)streams;
            Console.WriteLine($"memory: {streams} live Silero streams hold {(after - before) / 1048576.0:F1} MiB managed, {perStream / 1024:F0} KiB per stream " +
                              $"(bound: the longest utterance, {new SegmentationOptions().MaxUtteranceMs / 1000} s = {new SegmentationOptions().MaxUtteranceMs * 16 * 4 / 1024} KiB of samples, plus padding); " +
                              $"resident set grew {(residentAfter - residentBefore) / 1024.0 / streams:F0} KiB per stream (managed and native)");
            GC.KeepAlive(live);
            foreach (var segmenter in live) segmenter.Dispose();
        }
    }

    private static int Segment(IVoiceActivityDetectorFactory factory, float[] audio, int length)
    {
        using var segmenter = new UtteranceSegmenter("bench", factory.Create(), new SegmentationOptions());
        var count = 0;
        for (var at = 0; at < length; at += 320)
            count += segmenter.Push(audio.AsSpan(at, Math.Min(320, length - at))).Count;
        return count + segmenter.Complete().Count;
    }
}
