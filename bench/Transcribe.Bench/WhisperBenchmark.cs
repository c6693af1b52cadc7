using System.Diagnostics;
using EmoStream.Transcribe.Whisper;
using EmoStream.Transcribe.Whisper.Models;
using EmoStream.Transcribe.Whisper.Native;

namespace EmoStream.Transcribe.Bench;

/// <summary>
/// whisper.cpp on random-weight models at tiny.en and base.en dimensions (no real weights can be had offline).
/// The encoder always processes a 30 s window, so its cost per utterance is that of the real model; it is timed
/// alone (mel + encode). The full call is timed too, but random weights make the decoder run to its length limit
/// through every temperature fallback, so that figure is an upper bound, far above what real weights cost.
/// Args: [utterances (default 4)] [models (default tiny.en,base.en)] [full|encoder (default full: time both)]
/// [threads (default 1,2)].
/// </summary>
public sealed class WhisperBenchmark : IBenchmark
{
    public string Name => "whisper";

    public string Description => "whisper.cpp encoder and full-call time per utterance, random weights at tiny.en/base.en dimensions, 1 and 2 threads";

    public Task RunAsync(IReadOnlyList<string> args)
    {
        var count = args.Count > 0 ? int.Parse(args[0]) : 4;
        var models = args.Count > 1 ? args[1].Split(',') : ["tiny.en", "base.en"];
        var full = args.Count <= 2 || args[2] != "encoder";
        var threadCounts = args.Count > 3 ? args[3].Split(',').Select(int.Parse).ToArray() : [1, 2];
        var utterances = Utterances.Load(count);
        var audio = Utterances.AudioSeconds(utterances);
        Console.WriteLine($"{utterances.Count} utterances, {audio:F1} s of audio");
        var folder = Directory.CreateTempSubdirectory("emostream-whisper-bench-");
        try
        {
            foreach (var model in models)
            {
                var h = model switch
                {
                    "tiny.en" => WhisperHyperParameters.TinyEn,
                    "base.en" => WhisperHyperParameters.BaseEn,
                    _ => throw new ArgumentException($"unknown model dimensions '{model}' (tiny.en, base.en)"),
                };
                var path = Path.Combine(folder.FullName, $"ggml-{model}-random.bin");
                WhisperModelFile.WriteRandom(path, h, seed: 1);
                var load = Stopwatch.StartNew();
                using var context = WhisperContext.Load(path);
                Console.WriteLine($"{model} (random weights, f16, {new FileInfo(path).Length / 1e6:F0} MB): load {load.Elapsed.TotalSeconds:F2} s");
                foreach (var threads in threadCounts)
                {
                    var encode = utterances.Select(u => TimeEncoder(context, u.Samples, threads)).ToList();
                    Console.WriteLine($"  threads {threads}: encoder {Utterances.Latency(encode)} per utterance, RTF {encode.Sum() / audio:F3}");
                    if (!full) continue;
                    var options = new WhisperOptions { Threads = threads };
                    var calls = utterances.Select(u =>
                    {
                        var clock = Stopwatch.StartNew();
                        context.Transcribe(u.Samples, options);
                        return clock.Elapsed.TotalSeconds;
                    }).ToList();
                    Console.WriteLine($"  threads {threads}: full call (upper bound) {Utterances.Latency(calls)} per utterance, RTF {calls.Sum() / audio:F3}");
                }
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        return Task.CompletedTask;
    }

    private static unsafe double TimeEncoder(WhisperContext context, float[] samples, int threads)
    {
        var handle = context.DangerousGetHandle();
        var clock = Stopwatch.StartNew();
        fixed (float* data = samples)
            if (WhisperNative.whisper_pcm_to_mel(handle, data, samples.Length, threads) != 0)
                throw new WhisperException("whisper_pcm_to_mel failed");
        if (WhisperNative.whisper_encode(handle, 0, threads) != 0) throw new WhisperException("whisper_encode failed");
        return clock.Elapsed.TotalSeconds;
    }
}
