using EmoStream.Bench;
using System.Diagnostics;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Model;
using EmoStream.Inference.Training;
using EmoStream.Testing;

namespace EmoStream.Inference.Bench;

/// <summary>
/// One training run on an IEMOCAP-sized corpus: 5 groups, about 150 dialogues and 5500 utterances, 6373-d acoustic
/// and 1024-d lexical inputs (the paper's ComParE and ELMo sizes). Args: [epochs=100] [mode=offline] [threads=1].
/// </summary>
public sealed class TrainingBenchmark : IBenchmark
{
    public string Name => "train-iemocap-size";
    public string Description => "wall time of one training run on an IEMOCAP-sized corpus (6373-d + 1024-d inputs)";

    public void Run(IReadOnlyList<string> args)
    {
        var epochs = args.Count > 0 ? int.Parse(args[0]) : 100;
        var mode = args.Count > 1 ? Enum.Parse<ContextMode>(args[1], ignoreCase: true) : ContextMode.Offline;
        var threads = args.Count > 2 ? int.Parse(args[2]) : 1;
        var dir = Directory.CreateTempSubdirectory("emostream-bench-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            var corpus = SyntheticCorpus.Write(dir, new SyntheticCorpusSpec(Groups: 5, DialoguesPerGroup: 30, MinTurns: 20, MaxTurns: 53,
                AcousticDim: 6373, LexicalDim: 1024, Seed: 3));
            var features = FeatureInputs.Load(corpus, acoustic: true, lexical: true);
            using var data = TrainingSet.Build(corpus, features, ["1", "2", "3", "4"], ["5"], ["5"]);
            Console.WriteLine($"corpus: {corpus.Dialogues.Count} dialogues, {corpus.Utterances.Count} utterances, " +
                $"{features.AcousticDim}-d acoustic + {features.LexicalDim}-d lexical; prepared in {clock.Elapsed.TotalSeconds:F1}s");
            var architecture = new DannArchitecture(features.AcousticDim, features.LexicalDim, EmotionClasses.All.Count, data.Speakers.Count, mode);
            var options = new TrainingOptions { Epochs = epochs, Threads = threads };
            var (lastEpoch, lastTime) = (0, TimeSpan.Zero);
            var progress = new InlineProgress(e =>
            {
                if (e.Epoch != 1 && e.Epoch % 10 != 0 && e.Epoch != e.Epochs) return;
                Console.WriteLine($"epoch {e.Epoch,3}/{e.Epochs}: {(e.Elapsed - lastTime).TotalSeconds / (e.Epoch - lastEpoch):F2}s/epoch, total {e.Elapsed.TotalSeconds:F1}s");
                (lastEpoch, lastTime) = (e.Epoch, e.Elapsed);
            });
            clock.Restart();
            using var model = DannTrainer.Train(data, architecture, options, progress: progress);
            Console.WriteLine($"RESULT {mode} mode, {epochs} epochs, threads={(threads == 0 ? Environment.ProcessorCount : threads)}: {clock.Elapsed.TotalSeconds:F1}s " +
                $"({clock.Elapsed.TotalSeconds / epochs:F2}s per epoch)");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed class InlineProgress(Action<EpochReport> report) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => report(value);
    }
}
