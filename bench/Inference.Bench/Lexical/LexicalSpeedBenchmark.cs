using EmoStream.Bench;
using System.Diagnostics;
using EmoStream.Inference.Corpora.Importers;
using EmoStream.Inference.Features.Lexical;

namespace EmoStream.Inference.Bench.Lexical;

/// <summary>
/// The JSON -> binary cache conversion (when the JSON is there), a load of the GloVe cache, featurizer construction (common-component fit), then utterances per second and
/// vocabulary coverage over every MELD and EmoryNLP transcript line. Args: [shared data folder] (default ../shared/data).
/// </summary>
public sealed class LexicalSpeedBenchmark : IBenchmark
{
    public string Name => "lexical-speed";
    public string Description => "GloVe cache load, SIF featurizer set-up and throughput on MELD + EmoryNLP text";

    public void Run(IReadOnlyList<string> args)
    {
        var directory = WordVectorStore.FindDefaultDirectory() ?? throw new InvalidOperationException("no .cache/glove: run scripts/setup.sh");
        var cache = Path.Combine(directory, WordVectorStore.CacheFileName);
        var json = Path.Combine(directory, WordVectorStore.JsonFileName);
        var clock = Stopwatch.StartNew();
        if (File.Exists(json))
        {
            var converted = WinkEmbeddingsConverter.Convert(json);
            var parsed = clock.Elapsed;
            var scratch = Path.Combine(Path.GetTempPath(), $"emostream-bench-{Environment.ProcessId}{WordVectorCache.Extension}");
            WordVectorCache.Write(scratch, converted);
            File.Delete(scratch);
            Console.WriteLine($"JSON -> cache conversion: parse {parsed.TotalSeconds:F1} s, write {(clock.Elapsed - parsed).TotalSeconds:F1} s; sha256 {converted.ContentHash[..16]}");
            clock.Restart();
        }
        var vectors = WordVectorCache.Read(cache);
        Console.WriteLine($"cache read: {clock.Elapsed.TotalMilliseconds:F0} ms ({new FileInfo(cache).Length / 1e6:F1} MB, {vectors.Count} words)");
        clock.Restart();
        var featurizer = new SifLexicalFeaturizer(vectors, new LexicalFeaturizerOptions());
        Console.WriteLine($"featurizer construction (Zipf weights + common component): {clock.Elapsed.TotalMilliseconds:F0} ms");

        var texts = LexicalProbe.Texts(args.Count > 0 ? args[0] : Path.Combine("..", "shared", "data"));
        long tokens = 0, known = 0;
        var ranks = new List<int>();
        foreach (var t in texts)
            foreach (var token in LexicalTokenizer.Tokenize(t).Where(k => k.Kind != TokenKind.Punctuation))
            {
                tokens++;
                ranks.Clear();
                featurizer.Lookup(token, ranks);
                if (ranks.Count > 0) known++;
            }
        Console.WriteLine($"word and number tokens with a vector: {known}/{tokens} ({100.0 * known / tokens:F2}%)");

        var missing = 0;
        for (var round = 0; round < 2; round++)
        {
            clock.Restart();
            missing = texts.Count(t => featurizer.Extract(t) is null);
            var seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"round {round + 1}: {texts.Count} utterances in {seconds * 1000:F0} ms = {texts.Count / seconds:F0} utterances/s ({seconds / texts.Count * 1e6:F1} us each), one thread");
        }
        Console.WriteLine($"missing (no known word): {missing}/{texts.Count}");
    }
}
