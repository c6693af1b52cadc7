using EmoStream.Transcribe.Tests.Speech;
using EmoStream.Transcribe.Whisper;
using EmoStream.Transcribe.Whisper.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmoStream.Transcribe.Tests.Whisper;

/// <summary>The real whisper.cpp library on a random-weight model: it must load, run a full transcription and report cleanly.</summary>
public sealed class WhisperContextTests
{
    [Fact]
    public void A_random_weight_model_loads_and_a_full_transcription_of_speech_completes()
    {
        using var context = WhisperContext.Load(TinyWhisperModel.ModelPath);
        var speech = SpeechSynthesizer.Speak(TestSentences.All[0]);

        var segments = context.Transcribe(speech, new WhisperOptions { Threads = 1 });

        Assert.All(segments, s =>
        {
            Assert.InRange(s.NoSpeechProbability, 0f, 1f);
            Assert.All(s.TokenProbabilities, p => Assert.InRange(p, 0f, 1f));
        });
    }

    [Fact]
    public async Task The_engine_returns_a_transcript_for_speech_and_drops_what_it_cannot_trust()
    {
        var options = TinyWhisperModel.TranscriptionOptions();
        using var transcriber = new WhisperTranscriber(options, NullLogger<WhisperTranscriber>.Instance);
        var transcript = await transcriber.TranscribeAsync(SpeechSynthesizer.Speak(TestSentences.All[1]));

        Assert.Equal("whisper", transcript.Engine);
        // Random weights produce random tokens of low probability: the plausibility filter must not let them through.
        Assert.Equal(TranscriptStatus.NoSpeech, transcript.Status);
        Assert.Equal("", transcript.Text);
        Assert.NotNull(transcript.Detail);
        Assert.True(transcript.ProcessingTime > TimeSpan.Zero);
    }

    [Fact]
    public void A_truncated_model_gives_a_clear_error_instead_of_reaching_whisper_cpp()
    {
        var path = TinyWhisperModel.Damaged("cut.bin", bytes: new FileInfo(TinyWhisperModel.ModelPath).Length / 2);
        var e = Assert.Throws<WhisperModelException>(() => WhisperContext.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public async Task A_corrupt_model_fails_at_start_up_not_per_utterance()
    {
        var path = TinyWhisperModel.Damaged("corrupt.bin", corrupt: d => d[0] = 0);
        var options = TinyWhisperModel.TranscriptionOptions(path);
        options.Engine = TranscriptionEngine.Whisper;
        var factory = new TranscriberFactory(options, NullLoggerFactory.Instance);
        var e = await Assert.ThrowsAsync<WhisperModelException>(() => factory.CreateAsync(factory.Select()));
        Assert.Contains("corrupt.bin", e.Message);
    }

    [Fact]
    public async Task An_engine_failure_costs_the_utterance_not_the_caller()
    {
        // Without the start-up check, a broken model surfaces on the first utterance: as a failed transcript, never an exception.
        var path = TinyWhisperModel.Damaged("broken-later.bin", bytes: 1000);
        using var transcriber = new WhisperTranscriber(TinyWhisperModel.TranscriptionOptions(path), NullLogger<WhisperTranscriber>.Instance);
        var transcript = await transcriber.TranscribeAsync(SpeechSynthesizer.Speak(TestSentences.All[2]));
        Assert.Equal(TranscriptStatus.Failed, transcript.Status);
        Assert.Contains("broken-later.bin", transcript.Detail);
    }

    [Fact]
    public void An_abort_request_stops_the_native_call_and_leaves_the_context_usable()
    {
        using var context = WhisperContext.Load(TinyWhisperModel.ModelPath);
        var speech = SpeechSynthesizer.Speak(TestSentences.All[3]);
        Assert.Throws<OperationCanceledException>(() => context.Transcribe(speech, new WhisperOptions(), new CancellationToken(canceled: true)));
        Assert.NotNull(context.Transcribe(speech[..16000], new WhisperOptions()));
    }

    [Fact]
    public async Task A_timed_out_whisper_call_loses_its_text_and_its_context_is_aborted_and_freed()
    {
        var options = TinyWhisperModel.TranscriptionOptions();
        options.UtteranceTimeout = TimeSpan.FromMilliseconds(1);
        using var transcriber = new WhisperTranscriber(options, NullLogger<WhisperTranscriber>.Instance);
        var transcript = await transcriber.TranscribeAsync(SpeechSynthesizer.Speak(TestSentences.All[4]));
        Assert.Equal(TranscriptStatus.TimedOut, transcript.Status);
        // The aborted call returns and its context is disposed (polled, with a generous limit, not timed).
        for (var i = 0; i < 600 && transcriber.Pool.LiveCount > 0; i++) await Task.Delay(100);
        Assert.Equal(0, transcriber.Pool.LiveCount);
    }
}
