using System.Diagnostics;
using EmoStream.Transcribe.Evaluation;
using EmoStream.Transcribe.PocketSphinx;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmoStream.Transcribe.Bench;

/// <summary>
/// PocketSphinx on the 24 test sentences: word error rate, real-time factor (wall time over audio time) with 1
/// and 2 decoders working through the set in parallel, and the latency each utterance adds.
/// </summary>
public sealed class PocketSphinxBenchmark : IBenchmark
{
    public string Name => "pocketsphinx";

    public string Description => "PocketSphinx WER, real-time factor with 1 and 2 decoders, latency per utterance";

    public async Task RunAsync(IReadOnlyList<string> args)
    {
        var utterances = Utterances.Load(24);
        var audio = Utterances.AudioSeconds(utterances);
        Console.WriteLine($"{utterances.Count} utterances, {audio:F1} s of audio");
        foreach (var decoders in new[] { 1, 2 })
        {
            using var transcriber = new PocketSphinxTranscriber(
                new TranscriptionOptions { MaxConcurrentDecoders = decoders }, NullLogger<PocketSphinxTranscriber>.Instance);
            // Load every decoder before timing (model loading is start-up cost, not per utterance).
            await Task.WhenAll(Enumerable.Range(0, decoders).Select(_ => transcriber.TranscribeAsync(utterances[0].Samples)));

            var clock = Stopwatch.StartNew();
            var transcripts = await Task.WhenAll(utterances.Select(u => transcriber.TranscribeAsync(u.Samples)));
            var wall = clock.Elapsed.TotalSeconds;

            int errors = 0, words = 0;
            for (var i = 0; i < utterances.Count; i++)
            {
                var (e, n) = WordErrorRate.Count(utterances[i].Text, transcripts[i].Text);
                errors += e;
                words += n;
            }
            var perUtterance = transcripts.Select(t => t.RealTimeFactor).Average();
            var latency = transcripts.Select(t => t.ProcessingTime.TotalSeconds).ToList();
            Console.WriteLine($"decoders {decoders}: WER {errors / (double)words:F3} ({errors}/{words}), " +
                $"throughput RTF {wall / audio:F3} (wall {wall:F1} s), mean per-utterance RTF {perUtterance:F3}, " +
                $"latency (queueing included) {Utterances.Latency(latency)}");
        }
    }
}
