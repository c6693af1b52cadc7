using EmoStream.Bench;
using EmoStream.Capture.Audio;
using System.Diagnostics;
using EmoStream.Inference.Features.Acoustic;

namespace EmoStream.Inference.Bench;

/// <summary>
/// Real-time factor of each acoustic feature set on one thread over real RAVDESS clips
/// (audio seconds per second of computation). Args: [clips per set, default 120] [data root, default ../shared/data].
/// </summary>
public sealed class AcousticFeaturesBenchmark : IBenchmark
{
    public string Name => "acoustic-features";

    public string Description => "acoustic featurizer real-time factor per set, one thread, RAVDESS clips";

    public void Run(IReadOnlyList<string> args)
    {
        var count = args.Count > 0 ? int.Parse(args[0]) : 120;
        var root = args.Count > 1 ? args[1] : Path.Combine("..", "shared", "data");
        var folder = Path.Combine(root, "ravdess");
        if (!Directory.Exists(folder))
        {
            Console.WriteLine($"no RAVDESS clips at {Path.GetFullPath(folder)}; pass the data root as the second argument");
            return;
        }
        var clips = Directory.GetFiles(folder, "*.wav", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(count)
            .Select(path => AudioFileReader.Default.Read16kMono(path)).ToArray();
        var audioSeconds = clips.Sum(c => c.Length) / 16000.0;
        Console.WriteLine($"clips: {clips.Length}, audio: {audioSeconds:F1} s, thread: 1");
        Console.WriteLine("set        dim   ms/clip   ms per audio s   x real time (wall)   x real time (thread CPU)");
        foreach (var name in AcousticFeatureSets.Names)
        {
            var featurizer = AcousticFeatureSets.Create(name);
            foreach (var clip in clips.Take(5)) featurizer.Extract(clip); // JIT and tiered compilation warm-up
            // Best of three rounds; thread CPU time as well, because the shared development machine is often loaded.
            double best = double.MaxValue, bestCpu = double.MaxValue;
            for (var round = 0; round < 3; round++)
            {
                var cpu = ThreadCpuClock.Seconds();
                var watch = Stopwatch.StartNew();
                foreach (var clip in clips) featurizer.Extract(clip);
                best = Math.Min(best, watch.Elapsed.TotalSeconds);
                bestCpu = Math.Min(bestCpu, ThreadCpuClock.Seconds() - cpu);
            }
            Console.WriteLine($"{name,-8} {featurizer.Info.Dimension,5} {1000 * best / clips.Length,9:F2} {1000 * best / audioSeconds,16:F2} {audioSeconds / best,20:F0} {audioSeconds / bestCpu,26:F0}");
        }
    }
}
