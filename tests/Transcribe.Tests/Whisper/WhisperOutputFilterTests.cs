using EmoStream.Transcribe.Whisper;

namespace EmoStream.Transcribe.Tests.Whisper;

public sealed class WhisperOutputFilterTests
{
    private readonly WhisperOutputFilter _filter = new(noSpeechThreshold: 0.6, minConfidence: 0.4);

    [Fact]
    public void Confident_speech_is_kept_with_its_geometric_mean_probability()
    {
        var output = _filter.Apply([new WhisperSegment(" Hello there.", 0.05f, [0.9f, 0.8f])]);
        Assert.Equal("Hello there.", output.Text);
        Assert.Equal(Math.Sqrt(0.9 * 0.8), output.Confidence, 5);
        Assert.Null(output.DroppedBecause);
    }

    [Fact]
    public void A_segment_judged_silent_and_unsure_is_dropped()
    {
        var output = _filter.Apply([new WhisperSegment(" Thank you for watching.", 0.9f, [0.2f, 0.3f, 0.2f])]);
        Assert.Equal("", output.Text);
        Assert.Contains("no speech", output.DroppedBecause);
    }

    [Fact]
    public void A_likely_silent_segment_with_sure_tokens_is_kept()
    {
        // OpenAI's rule: a high no-speech probability alone does not drop confidently decoded words.
        var output = _filter.Apply([new WhisperSegment(" Yes.", 0.7f, [0.95f])]);
        Assert.Equal("Yes.", output.Text);
    }

    [Fact]
    public void Low_confidence_text_is_dropped_as_implausible()
    {
        var output = _filter.Apply([new WhisperSegment(" w12 w877 w3", 0.1f, [0.01f, 0.02f, 0.05f])]);
        Assert.Equal("", output.Text);
        Assert.Contains("implausible", output.DroppedBecause);
    }

    [Fact]
    public void Text_without_letters_or_digits_is_empty()
    {
        var output = _filter.Apply([new WhisperSegment(" ...", 0.1f, [0.9f])]);
        Assert.Equal("", output.Text);
    }

    [Fact]
    public void Segments_are_joined_after_dropping_silent_ones()
    {
        var output = _filter.Apply(
        [
            new WhisperSegment(" I see.", 0.1f, [0.9f, 0.9f]),
            new WhisperSegment(" Bye.", 0.95f, [0.1f]),
            new WhisperSegment(" Really?", 0.2f, [0.8f]),
        ]);
        Assert.Equal("I see. Really?", output.Text);
    }
}
