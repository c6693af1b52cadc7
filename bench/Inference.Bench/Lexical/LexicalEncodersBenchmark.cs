using System.Diagnostics;
using EmoStream.Bench;
using EmoStream.Inference.Features;
using EmoStream.Inference.Features.Lexical;

namespace EmoStream.Inference.Bench.Lexical;

/// <summary>
/// What each lexical featurizer costs: set-up (vectors or encoder loaded, memory it adds), then per utterance one at a
/// time (the live path: <see cref="ILexicalFeaturizer.Extract"/> per transcript) and batched
/// (<see cref="ILexicalFeaturizer.ExtractBatch"/>, what <c>featurize</c> does), wall clock and this thread's CPU time,
/// over an evenly spaced sample of MELD + EmoryNLP transcripts. Args: [utterances] (default 1000) [shared data folder].
/// </summary>
public sealed class LexicalEncodersBenchmark : IBenchmark
{
    public string Name => "lexical-encoders";
    public string Description => "glove-sif vs minilm: set-up, per-utterance cost one at a time and batched (MELD + EmoryNLP text)";

    public void Run(IReadOnlyList<string> args)
    {
        var count = args.Count > 0 ? int.Parse(args[0]) : 1000;
        var all = LexicalProbe.Texts(args.Count > 1 ? args[1] : Path.Combine("..", "shared", "data"));
        var stride = Math.Max(1, all.Count / count);
        var texts = Enumerable.Range(0, Math.Min(count, all.Count)).Select(i => all[i * stride % all.Count]).ToArray();
        Console.WriteLine($"{texts.Length} of {all.Count} transcripts (every {stride}th), mean {texts.Average(t => t.Length):F0} characters, " +
            $"longest {texts.Max(t => t.Length)}");
        Console.WriteLine("| featurizer | set-up | memory added | one at a time: median (p95, max) wall | thread (process) CPU mean | batched: wall per utterance | thread CPU per utterance |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var name in LexicalFeaturizers.Names) Measure(name, texts);
    }

    private static void Measure(string name, string[] texts)
    {
        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        var clock = Stopwatch.StartNew();
        var featurizer = LexicalFeaturizers.Create(name);
        if (featurizer is MiniLmLexicalFeaturizer minilm) minilm.Load();
        featurizer.Extract("warm up the code paths once");
        var setUp = clock.Elapsed;
        GC.Collect(); // what set-up left behind (the encoder's ONNX bytes are read into an array, then dropped)
        GC.WaitForPendingFinalizers();
        var added = (Process.GetCurrentProcess().WorkingSet64 - before) / 1e6;

        foreach (var t in texts.Take(50)) featurizer.Extract(t);
        var wall = new List<double>(texts.Length);
        var process0 = Process.GetCurrentProcess().TotalProcessorTime;
        var cpu0 = ThreadCpuClock.Seconds();
        foreach (var t in texts)
        {
            var start = Stopwatch.GetTimestamp();
            featurizer.Extract(t);
            wall.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        var cpuSingle = (ThreadCpuClock.Seconds() - cpu0) / texts.Length * 1000;
        // Every thread of the process (ONNX Runtime could run work off this thread): equal to the thread's when it does not.
        var processSingle = (Process.GetCurrentProcess().TotalProcessorTime - process0).TotalMilliseconds / texts.Length;

        featurizer.ExtractBatch(texts.Take(64).ToArray());
        cpu0 = ThreadCpuClock.Seconds();
        clock.Restart();
        featurizer.ExtractBatch(texts);
        var batchWall = clock.Elapsed.TotalMilliseconds / texts.Length;
        var cpuBatch = (ThreadCpuClock.Seconds() - cpu0) / texts.Length * 1000;

        Console.WriteLine($"| {featurizer.Info.Id} ({featurizer.Info.Dimension}-d) | {setUp.TotalSeconds:F2} s | {added:F0} MB | " +
            $"{Quantiles.Of(wall, 0.5):F3} ms ({Quantiles.Of(wall, 0.95):F3}, {wall.Max():F1}) | {cpuSingle:F3} ms ({processSingle:F3}) | {batchWall:F3} ms | {cpuBatch:F3} ms |");
    }
}
