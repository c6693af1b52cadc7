using System.Diagnostics;
using EmoStream.Bench;
using EmoStream.Transcribe.Whisper;
using EmoStream.Transcribe.Whisper.Models;

namespace EmoStream.Transcribe.Bench;

/// <summary>
/// Whisper through Whisper.net on random-weight models at tiny.en and base.en dimensions (no real weights can be had
/// offline). Per model: load time, resident memory of the model with its first decoder and of each further pooled
/// decoder, and the time per utterance of a bounded call: greedy, no temperature fallback, at most 16 tokens, so the
/// encoder (always a 30 s window, the cost a real model of these dimensions pays) plus 16 decoder steps, about what a
/// real 3 s utterance decodes. Random weights never emit end-of-text, so an unbounded call would only measure the
/// decoder running to its limit through every fallback.
/// Args: [utterances (default 3)] [models (default tiny.en,base.en)] [threads (default 1)].
/// </summary>
public sealed class WhisperBenchmark : IBenchmark
{
    public string Name => "whisper";

    public string Description => "Whisper.net: load, memory per pooled decoder, bounded call per utterance; random weights at tiny.en/base.en dimensions";

    public void Run(IReadOnlyList<string> args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task RunAsync(IReadOnlyList<string> args)
    {
        var count = args.Count > 0 ? int.Parse(args[0]) : 3;
        var models = args.Count > 1 ? args[1].Split(',') : ["tiny.en", "base.en"];
        var threads = args.Count > 2 ? int.Parse(args[2]) : 1;
        var utterances = Utterances.Load(count);
        var audio = Utterances.AudioSeconds(utterances);
        Console.WriteLine($"{utterances.Count} utterances, {audio:F1} s of audio, {threads} thread(s)");
        var folder = Directory.CreateTempSubdirectory("emostream-whisper-bench-");
        try
        {
            foreach (var name in models)
            {
                var h = name switch
                {
                    "tiny.en" => WhisperHyperParameters.TinyEn,
                    "base.en" => WhisperHyperParameters.BaseEn,
                    _ => throw new ArgumentException($"unknown model dimensions '{name}' (tiny.en, base.en)"),
                };
                var path = Path.Combine(folder.FullName, $"ggml-{name}-random.bin");
                WhisperModelFile.WriteRandom(path, h, seed: 1);
                GC.Collect();
                var before = ResidentBytes();
                var clock = Stopwatch.StartNew();
                var model = WhisperModel.Load(path);
                var options = new WhisperOptions { Threads = threads };
                using var first = model.CreateDecoder(options, BoundedDecoding);
                var load = clock.Elapsed.TotalSeconds;
                var calls = new List<double>();
                foreach (var (_, samples) in utterances)
                {
                    clock.Restart();
                    await first.TranscribeAsync(samples);
                    calls.Add(clock.Elapsed.TotalSeconds);
                }
                var withFirst = ResidentBytes();
                using var second = model.CreateDecoder(options, BoundedDecoding);
                await second.TranscribeAsync(utterances[0].Samples);
                var withSecond = ResidentBytes();
                model.Release();
                Console.WriteLine($"{name} (random weights, f16, {new FileInfo(path).Length / 1e6:F0} MB): load {load:F2} s; " +
                    $"model + first decoder {(withFirst - before) / 1e6:F0} MB, each further decoder {(withSecond - withFirst) / 1e6:F0} MB");
                Console.WriteLine($"  bounded call {Utterances.Latency(calls)} per utterance, RTF {calls.Sum() / audio:F3}");
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void BoundedDecoding(global::Whisper.net.WhisperProcessorBuilder builder) =>
        builder.WithTemperatureInc(0).WithMaxTokensPerSegment(16);

    private static long ResidentBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
