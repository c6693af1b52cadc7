using EmoStream.Transcribe.Tests.Speech;
using EmoStream.Transcribe.Whisper;
using EmoStream.Transcribe.Whisper.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmoStream.Transcribe.Tests.Whisper;

/// <summary>Whisper.net (whisper.cpp) on a random-weight model: it must load, run a full transcription and report cleanly.</summary>
public sealed class WhisperDecoderTests
{
    [Fact]
    public async Task A_random_weight_model_loads_and_a_full_transcription_of_speech_completes()
    {
        var model = WhisperModel.Load(TinyWhisperModel.ModelPath);
        using var decoder = model.CreateDecoder(new WhisperOptions { Threads = 1 });
        model.Release();
        var speech = SpeechSynthesizer.Speak(TestSentences.All[0]);

        var segments = await decoder.TranscribeAsync(speech);

        Assert.NotEmpty(segments);

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
        var e = Assert.Throws<WhisperModelException>(() => WhisperModel.Load(path));
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
    public async Task An_abort_request_stops_the_call_and_leaves_the_decoder_usable()
    {
        var model = WhisperModel.Load(TinyWhisperModel.ModelPath);
        using var decoder = model.CreateDecoder(new WhisperOptions());
        model.Release();
        var speech = SpeechSynthesizer.Speak(TestSentences.All[3]);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => decoder.TranscribeAsync(speech, new CancellationToken(canceled: true)));
        Assert.NotNull(await decoder.TranscribeAsync(speech[..16000]));
    }

    [Fact]
    public async Task Decoders_share_one_model_which_stays_loaded_until_the_last_is_disposed()
    {
        var model = WhisperModel.Load(TinyWhisperModel.ModelPath);
        var first = model.CreateDecoder(new WhisperOptions());
        using var second = model.CreateDecoder(new WhisperOptions());
        model.Release();
        first.Dispose();
        // The owner and one decoder let go: the weights must still serve the other.
        Assert.NotNull(await second.TranscribeAsync(SpeechSynthesizer.Speak(TestSentences.All[0])[..16000]));
    }

    [Fact]
    public async Task A_timed_out_whisper_call_loses_its_text_and_its_decoder_is_aborted_and_freed()
    {
        var options = TinyWhisperModel.TranscriptionOptions();
        options.UtteranceTimeout = TimeSpan.FromMilliseconds(1);
        using var transcriber = new WhisperTranscriber(options, NullLogger<WhisperTranscriber>.Instance);
        var transcript = await transcriber.TranscribeAsync(SpeechSynthesizer.Speak(TestSentences.All[4]));
        Assert.Equal(TranscriptStatus.TimedOut, transcript.Status);
        // The aborted call returns and its decoder is disposed (polled, with a generous limit, not timed).
        for (var i = 0; i < 600 && transcriber.Pool.LiveCount > 0; i++) await Task.Delay(100);
        Assert.Equal(0, transcriber.Pool.LiveCount);
    }
}
