using EmoStream.Transcribe.PocketSphinx;
using EmoStream.Transcribe.Tests.Speech;
using EmoStream.Transcribe.Tests.Whisper;
using EmoStream.Transcribe.Whisper;
using Microsoft.Extensions.Logging.Abstractions;

namespace EmoStream.Transcribe.Tests;

/// <summary>What every <see cref="ISpeechTranscriber"/> must do, run against each engine.</summary>
public abstract class SpeechTranscriberContractTests
{
    protected abstract ISpeechTranscriber Create();

    protected abstract string ExpectedEngine { get; }

    [Fact]
    public async Task Speech_gives_a_transcript_with_engine_confidence_and_timing()
    {
        using var transcriber = Create();
        var speech = SpeechSynthesizer.Speak(TestSentences.All[5]);
        var transcript = await transcriber.TranscribeAsync(speech);
        Assert.Equal(ExpectedEngine, transcriber.Engine);
        Assert.Equal(ExpectedEngine, transcript.Engine);
        Assert.Contains(transcript.Status, new[] { TranscriptStatus.Recognized, TranscriptStatus.NoSpeech });
        Assert.InRange(transcript.Confidence, 0, 1);
        Assert.Equal(transcript.HasText, transcript.Text.Length > 0);
        Assert.Equal(TimeSpan.FromSeconds(speech.Length / 16000.0), transcript.AudioDuration);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16000)]
    public async Task Silence_and_empty_input_give_no_speech(int sampleCount)
    {
        using var transcriber = Create();
        var transcript = await transcriber.TranscribeAsync(new float[sampleCount]);
        Assert.Equal(TranscriptStatus.NoSpeech, transcript.Status);
        Assert.Equal("", transcript.Text);
        Assert.Equal(0, transcript.Confidence);
    }

    [Fact]
    public async Task A_cancelled_caller_gets_an_operation_cancelled_exception()
    {
        using var transcriber = Create();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            transcriber.TranscribeAsync(SpeechSynthesizer.Speak(TestSentences.All[6]), new CancellationToken(canceled: true)));
    }
}

public sealed class PocketSphinxContractTests : SpeechTranscriberContractTests
{
    protected override string ExpectedEngine => PocketSphinxTranscriber.EngineName;

    protected override ISpeechTranscriber Create() =>
        new PocketSphinxTranscriber(new TranscriptionOptions(), NullLogger<PocketSphinxTranscriber>.Instance);
}

public sealed class WhisperContractTests : SpeechTranscriberContractTests
{
    protected override string ExpectedEngine => WhisperTranscriber.EngineName;

    protected override ISpeechTranscriber Create() => new WhisperTranscriber(
        TinyWhisperModel.TranscriptionOptions(),
        NullLogger<WhisperTranscriber>.Instance);
}
