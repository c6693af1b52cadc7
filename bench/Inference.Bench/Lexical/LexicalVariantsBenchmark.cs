using EmoStream.Bench;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Features;
using EmoStream.Inference.Features.Lexical;

namespace EmoStream.Inference.Bench.Lexical;

/// <summary>
/// Which utterance vector carries the most emotion: each featurizer variant's vectors of MELD train feed a
/// class-balanced softmax regression, scored on MELD dev (4 classes; WA = accuracy, UA = mean class recall).
/// Utterances a variant marks missing count as wrong. Args: [shared data folder] (default ../shared/data).
/// </summary>
public sealed class LexicalVariantsBenchmark : IBenchmark
{
    public string Name => "lexical-variants";
    public string Description => "MELD train -> dev linear probe of lexical variants (mean, SIF a, common component, punctuation) and of minilm";

    public void Run(IReadOnlyList<string> args)
    {
        var utterances = LexicalProbe.Meld(args.Count > 0 ? args[0] : Path.Combine("..", "shared", "data"))
            .Where(u => u.Label is not null && u.Text is not null).ToArray();
        var train = utterances.Where(u => u.Dialogue.StartsWith("meld-train-", StringComparison.Ordinal)).ToArray();
        var dev = utterances.Where(u => u.Dialogue.StartsWith("meld-dev-", StringComparison.Ordinal)).ToArray();
        Console.WriteLine($"MELD labeled utterances: train {train.Length}, dev {dev.Length}");
        var vectors = WordVectorStore.Open(WordVectorStore.FindDefaultDirectory() ?? throw new InvalidOperationException("no .cache/glove: run scripts/setup.sh"));
        var classes = EmotionClasses.All;
        ILexicalFeaturizer Sif(LexicalFeaturizerOptions options) => new SifLexicalFeaturizer(vectors, options);
        (string Name, Func<ILexicalFeaturizer> Create)[] variants =
        [
            ("plain mean (a = 1e6), no PC", () => Sif(new() { SifA = 1e6, RemoveCommonComponent = false })),
            ("SIF a = 1e-3, no PC", () => Sif(new() { SifA = 1e-3, RemoveCommonComponent = false })),
            ("SIF a = 1e-3, PC removed (default)", () => Sif(new())),
            ("SIF a = 1e-4, PC removed", () => Sif(new() { SifA = 1e-4 })),
            ("SIF a = 1e-2, PC removed", () => Sif(new() { SifA = 1e-2 })),
            ("SIF a = 1e-3, PC removed, no punctuation", () => Sif(new() { IncludePunctuation = false })),
            ("lexical/minilm@1 (all-MiniLM-L6-v2, 384-d)", () => new MiniLmLexicalFeaturizer()),
        ];
        Console.WriteLine($"| variant | dev WA | dev UA | missing (train/dev) |");
        Console.WriteLine($"|---|---|---|---|");
        foreach (var (name, create) in variants)
        {
            var featurizer = create();
            var trainPairs = featurizer.ExtractBatch(train.Select(u => u.Text).ToArray()).Zip(train, (x, u) => (X: x, Y: IndexOf(classes, u.Label!))).ToArray();
            var devPairs = featurizer.ExtractBatch(dev.Select(u => u.Text).ToArray()).Zip(dev, (x, u) => (X: x, Y: IndexOf(classes, u.Label!))).ToArray();
            var usableTrain = trainPairs.Where(p => p.X is not null).ToArray();
            var usableDev = devPairs.Where(p => p.X is not null).ToArray();
            var (wa, ua) = LexicalProbe.TrainAndScore(usableTrain.Select(p => p.X!).ToArray(), usableTrain.Select(p => p.Y).ToArray(),
                usableDev.Select(p => p.X!).ToArray(), usableDev.Select(p => p.Y).ToArray(), classes.Count);
            // Missing dev utterances count as wrong, so variants that drop more text pay for it.
            var share = (double)usableDev.Length / devPairs.Length;
            Console.WriteLine($"| {name} | {wa * share:P1} | {ua * share:P1} | {trainPairs.Length - usableTrain.Length}/{devPairs.Length - usableDev.Length} |");
        }
    }

    private static int IndexOf(IReadOnlyList<string> classes, string label)
    {
        for (var i = 0; i < classes.Count; i++) if (classes[i] == label) return i;
        throw new ArgumentException($"unknown class {label}");
    }
}
