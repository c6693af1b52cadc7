namespace EmoStream.Transcribe.Tests;

public class GivenTranscriptsTests
{
    private static readonly GivenTranscripts Call = new(
    [
        new TranscriptSegment("agent", 0.5, 2.0, "Good morning."),
        new TranscriptSegment("customer", 2.5, 4.0, "My parcel never came."),
        new TranscriptSegment("agent", 4.5, 5.5, "I am sorry."),
        new TranscriptSegment("agent", 5.6, 6.5, "Let me check."),
    ]);

    [Fact]
    public void An_utterance_gets_the_text_of_its_speakers_segments_that_lie_mostly_inside_it()
    {
        var t = Call.Lookup("agent", TimeSpan.FromSeconds(4.4), TimeSpan.FromSeconds(6.6));

        Assert.Equal("I am sorry. Let me check.", t.Text);
        Assert.Equal(TranscriptStatus.Recognized, t.Status);
        Assert.Equal(GivenTranscripts.EngineName, t.Engine);
        Assert.Equal(1, t.Confidence);
    }

    [Fact]
    public void Another_speakers_words_and_segments_mostly_outside_stay_out()
    {
        Assert.Equal("", Call.Lookup("agent", TimeSpan.FromSeconds(2.4), TimeSpan.FromSeconds(4.1)).Text);
        // 0.5-2.0 overlaps 1.5-3.0 by a third of its length: not this utterance's words.
        var t = Call.Lookup("agent", TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3.0));
        Assert.False(t.HasText);
        Assert.Equal(TranscriptStatus.NoSpeech, t.Status);
    }

    [Fact]
    public void A_segment_without_speaker_belongs_to_whoever_speaks_then()
    {
        var mono = new GivenTranscripts([new TranscriptSegment(null, 1.0, 2.0, "hello")]);
        Assert.Equal("hello", mono.Lookup("speaker", TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(2.1)).Text);
    }
}
