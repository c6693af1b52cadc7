using EmoStream.Transcribe.Evaluation;
using EmoStream.Transcribe.PocketSphinx;
using EmoStream.Transcribe.Tests.Speech;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace EmoStream.Transcribe.Tests;

public sealed class PocketSphinxTranscriberTests(ITestOutputHelper output)
{
    /// <summary>
    /// Measured here on the 24 espeak-ng sentences: 0.792 (152 errors in 192 words) with one decoder in order,
    /// 0.766 with two decoders sharing the set (a decoder's history shifts a few words). PocketSphinx's general
    /// US-English model does badly on espeak-ng's formant synthesis; the bound leaves about 0.06 for decoder
    /// history and other espeak-ng/decoder builds, and still fails a broken binding:
    /// the same speech at the wrong sample rate scores 1.0 (see the control test below), silence or wrong
    /// scaling gives near-empty output (WER near 1).
    /// </summary>
    private const double MaxWordErrorRate = 0.85;

    private static PocketSphinxTranscriber Create(TranscriptionOptions? options = null) =>
        new(options ?? new TranscriptionOptions(), NullLogger<PocketSphinxTranscriber>.Instance);

    [Fact]
    public async Task Two_concurrent_sessions_transcribe_espeak_sentences_within_the_measured_word_error_rate()
    {
        // Two sessions (odd and even sentences) speak at once and share a pool of two decoders.
        using var transcriber = Create(new TranscriptionOptions { MaxConcurrentDecoders = 2 });
        var sessions = Enumerable.Range(0, 2).Select(async session =>
        {
            var results = new List<(string Sentence, Transcript Transcript)>();
            for (var i = session; i < TestSentences.All.Count; i += 2)
                results.Add((TestSentences.All[i], await transcriber.TranscribeAsync(SpeechSynthesizer.Speak(TestSentences.All[i]))));
            return results;
        });
        var all = (await Task.WhenAll(sessions)).SelectMany(r => r).ToList();

        int errors = 0, words = 0;
        foreach (var (sentence, transcript) in all)
        {
            Assert.Equal("pocketsphinx", transcript.Engine);
            var (e, n) = WordErrorRate.Count(sentence, transcript.Text);
            errors += e;
            words += n;
            output.WriteLine($"{transcript.Status} {transcript.Confidence:E1} | {sentence} | {transcript.Text}");
        }
        var wer = errors / (double)words;
        output.WriteLine($"WER {wer:F3} ({errors}/{words})");
        Assert.Equal(24, all.Count);
        Assert.Equal(2, transcriber.Pool.LiveCount);
        Assert.True(wer < MaxWordErrorRate, $"word error rate {wer:F3} is not below {MaxWordErrorRate}");
    }

    [Fact]
    public async Task The_word_error_rate_bound_rejects_audio_at_the_wrong_sample_rate()
    {
        // Control for the test above: the same speech read as if it were 8 kHz (every other sample, twice as
        // fast and an octave up), the kind of mistake a broken binding makes, must score worse than the bound.
        using var transcriber = Create();
        int errors = 0, words = 0;
        foreach (var sentence in TestSentences.All.Take(6))
        {
            var speech = SpeechSynthesizer.Speak(sentence);
            var wrongRate = speech.Where((_, i) => i % 2 == 0).ToArray();
            var (e, n) = WordErrorRate.Count(sentence, (await transcriber.TranscribeAsync(wrongRate)).Text);
            errors += e;
            words += n;
        }
        var wer = errors / (double)words;
        output.WriteLine($"WER at the wrong rate {wer:F3} ({errors}/{words})");
        Assert.True(wer >= MaxWordErrorRate, $"word error rate {wer:F3} at the wrong sample rate is below the bound {MaxWordErrorRate}");
    }

    [Fact]
    public async Task Every_transcript_carries_engine_confidence_and_timing()
    {
        using var transcriber = Create();
        var speech = SpeechSynthesizer.Speak(TestSentences.All[0]);
        var transcript = await transcriber.TranscribeAsync(speech);
        Assert.Equal(TranscriptStatus.Recognized, transcript.Status);
        Assert.NotEmpty(transcript.Text);
        Assert.InRange(transcript.Confidence, double.Epsilon, 1);
        Assert.Equal(speech.Length / 16000.0, transcript.AudioDuration.TotalSeconds, 3);
        Assert.True(transcript.ProcessingTime > TimeSpan.Zero);
    }

    [Fact]
    public async Task Silence_never_reaches_the_engine()
    {
        using var transcriber = Create();
        var transcript = await transcriber.TranscribeAsync(new float[16000 * 2]);
        Assert.Equal(TranscriptStatus.NoSpeech, transcript.Status);
        Assert.Equal("", transcript.Text);
        Assert.Contains("silence threshold", transcript.Detail);
        Assert.Equal(0, transcriber.Pool.LiveCount);
    }

    [Fact]
    public async Task An_utterance_that_times_out_costs_only_its_own_text()
    {
        var options = new TranscriptionOptions { MaxConcurrentDecoders = 1, UtteranceTimeout = TimeSpan.FromMilliseconds(1) };
        using var transcriber = Create(options);
        // Twenty sentences in one utterance take PocketSphinx well over a millisecond.
        var longUtterance = TestSentences.All.Take(20).SelectMany(SpeechSynthesizer.Speak).ToArray();
        var timedOut = await transcriber.TranscribeAsync(longUtterance);
        Assert.Equal(TranscriptStatus.TimedOut, timedOut.Status);
        Assert.Equal("", timedOut.Text);

        // The abandoned decoder freed its slot: the next utterance gets a fresh decoder and is transcribed.
        options.UtteranceTimeout = TimeSpan.FromMinutes(2);
        var next = await transcriber.TranscribeAsync(SpeechSynthesizer.Speak(TestSentences.All[1]));
        Assert.Equal(TranscriptStatus.Recognized, next.Status);
        Assert.NotEmpty(next.Text);
    }

    [Fact]
    public void A_missing_model_is_reported_by_name()
    {
        var options = new PocketSphinxOptions { ModelDirectory = "/nonexistent/pocketsphinx" };
        Assert.Contains("/nonexistent/pocketsphinx/en-us", PocketSphinxTranscriber.DescribeUnavailability(options));
        var e = Assert.Throws<PocketSphinxException>(() => PocketSphinxDecoder.Create(options));
        Assert.Contains("/nonexistent/pocketsphinx", e.Message);
    }
}
