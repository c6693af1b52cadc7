using EmoStream.Bench;
using System.Diagnostics;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Model;
using EmoStream.Inference.Scoring;
using TorchSharp;
using static TorchSharp.torch;

namespace EmoStream.Inference.Bench;

/// <summary>
/// Per-utterance latency of incremental causal scoring at windows 25, 100 and 400 (one thread, 6373-d + 1024-d inputs),
/// against re-running the batch causal model over the window for every new utterance.
/// </summary>
public sealed class IncrementalScoringBenchmark : IBenchmark
{
    public string Name => "incremental-scoring";
    public string Description => "median latency of scoring one utterance incrementally vs re-running the causal model over the window";

    public void Run(IReadOnlyList<string> args)
    {
        set_num_threads(1);
        random.manual_seed(1);
        const int acousticDim = 6373, lexicalDim = 1024, repeats = 200;
        using var model = new ContextualDann(new DannArchitecture(acousticDim, lexicalDim, EmotionClasses.All.Count, 10, ContextMode.Causal));
        model.eval();
        var rng = new Random(1);
        float[] Vector(int n) => Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble()).ToArray();

        foreach (var window in new[] { 25, 100, 400 })
        {
            var utterances = Enumerable.Range(0, window + repeats).Select(_ => (A: Vector(acousticDim), T: Vector(lexicalDim))).ToArray();
            using var scorer = new IncrementalDialogueScorer(model, window);
            for (var i = 0; i < window; i++) scorer.Add(utterances[i].A, utterances[i].T, true, true);
            var incremental = new double[repeats];
            for (var i = 0; i < repeats; i++)
            {
                var u = utterances[window + i];
                var clock = Stopwatch.StartNew();
                scorer.Add(u.A, u.T, true, true);
                incremental[i] = clock.Elapsed.TotalMilliseconds;
            }

            var rerun = new double[Math.Min(repeats, 50)];
            using (no_grad())
            {
                for (var i = 0; i < rerun.Length; i++)
                {
                    var slice = utterances.Skip(i + 1).Take(window).ToArray();
                    var clock = Stopwatch.StartNew();
                    using var scope = NewDisposeScope();
                    var batch = new DialogueBatch(
                        tensor(slice.SelectMany(u => u.A).ToArray(), [1, window, acousticDim]),
                        tensor(slice.SelectMany(u => u.T).ToArray(), [1, window, lexicalDim]),
                        ones(1, window, 2, dtype: @bool), tensor(new long[] { window }), ones(1, window, dtype: @bool));
                    using var output = model.Forward(batch, 0);
                    _ = softmax(output.EmotionLogits[0, -1], -1).data<float>().ToArray();
                    rerun[i] = clock.Elapsed.TotalMilliseconds;
                }
            }
            double Median(double[] x) => Quantiles.Of(x, 0.5);
            double P95(double[] x) => Quantiles.Of(x, 0.95);
            Console.WriteLine($"RESULT window {window,3}: incremental median {Median(incremental):F3} ms (p95 {P95(incremental):F3}), " +
                $"re-run over window median {Median(rerun):F3} ms (p95 {P95(rerun):F3}), speed-up x{Median(rerun) / Median(incremental):F1}");
        }
    }
}
