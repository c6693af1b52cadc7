using Microsoft.Extensions.Time.Testing;

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

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void An_utterance_gets_the_text_of_its_speakers_segments_that_lie_mostly_inside_it()
    {
        var t = Call.Lookup("agent", S(4.4), S(6.6));

        Assert.Equal("I am sorry. Let me check.", t.Text);
        Assert.Equal(TranscriptStatus.Recognized, t.Status);
        Assert.Equal("transcript", t.Engine);
        Assert.Equal(1, t.Confidence);
    }

    [Fact]
    public void Another_speakers_words_and_segments_mostly_outside_stay_out()
    {
        Assert.Equal("", Call.Lookup("agent", S(2.4), S(4.1)).Text);
        // 0.5-2.0 overlaps 1.5-3.0 by a third of its length (and of the utterance's): not this utterance's words.
        var t = Call.Lookup("agent", S(1.5), S(3.0));
        Assert.False(t.HasText);
        Assert.Equal(TranscriptStatus.NoSpeech, t.Status);
    }

    [Fact]
    public void Speech_with_no_cue_has_no_text_and_says_why()
    {
        var t = Call.Lookup("customer", S(7), S(9));
        Assert.Equal(TranscriptStatus.NoSpeech, t.Status);
        Assert.Equal("no given transcript for this utterance", t.Detail);
    }

    [Fact]
    public void A_long_cue_cut_into_utterances_gives_its_text_to_each_part_it_mostly_covers()
    {
        var given = new GivenTranscripts([new TranscriptSegment(null, 0, 9, "one long sentence")]);
        Assert.Equal("one long sentence", given.Lookup("speaker", S(0.2), S(3)).Text);
        Assert.Equal("one long sentence", given.Lookup("speaker", S(3.5), S(6)).Text);
    }

    [Fact]
    public void Overlapping_cues_both_reach_the_utterance_in_order_of_start()
    {
        var given = new GivenTranscripts(
        [
            new TranscriptSegment(null, 1.2, 2.8, "second"),
            new TranscriptSegment(null, 1.0, 2.5, "first"),
        ]);
        Assert.Equal("first second", given.Lookup("speaker", S(0.9), S(3)).Text);
    }

    [Fact]
    public void A_segment_without_speaker_belongs_to_whoever_speaks_then()
    {
        var mono = new GivenTranscripts([new TranscriptSegment(null, 1.0, 2.0, "hello")]);
        Assert.Equal("hello", mono.Lookup("speaker", S(0.9), S(2.1)).Text);
    }

    [Fact]
    public void On_a_mixed_recording_named_speakers_are_dropped_and_on_channels_an_unknown_one_is_refused()
    {
        var cues = new[] { new TranscriptSegment("Agent", 1, 2, "hello") };
        Assert.Equal("hello", GivenTranscripts.For(cues, ["speaker"], "call.vtt").Lookup("speaker", S(1), S(2)).Text);
        var e = Assert.Throws<TranscriptFormatException>(() => GivenTranscripts.For(cues, ["agent", "customer"], "call.vtt"));
        Assert.Equal("call.vtt: cue 1 (1.00-2.00 s) is spoken by 'Agent', but the session's speakers are agent, customer", e.Message);
    }

    [Fact]
    public async Task Live_text_an_utterance_waits_for_arrives_late_and_is_taken()
    {
        var time = new FakeTimeProvider();
        var live = GivenTranscripts.Open(S(5), ["agent", "customer"]);
        var lookup = live.LookupAsync("agent", S(1), S(3), time, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(lookup.IsCompleted);
        live.Add(new TranscriptSegment("customer", 1, 4, "not mine"));
        live.Add(new TranscriptSegment("agent", 1.1, 2.0, "part one"));
        await Task.Delay(50);
        Assert.False(lookup.IsCompleted); // the agent's text has not reached the utterance's end yet
        live.Add(new TranscriptSegment("agent", 2.1, 3.2, "part two"));
        Assert.Equal("part one part two", (await lookup).Text);
    }

    [Fact]
    public async Task Live_text_that_never_comes_costs_at_most_the_wait_and_the_end_of_text_stops_every_wait()
    {
        var time = new FakeTimeProvider();
        var live = GivenTranscripts.Open(S(5), ["speaker"]);
        var first = live.LookupAsync("speaker", S(1), S(3), time, CancellationToken.None);
        time.Advance(S(5));
        Assert.Equal(TranscriptStatus.NoSpeech, (await first).Status);

        var second = live.LookupAsync("speaker", S(4), S(6), time, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        live.Complete();
        Assert.False((await second).HasText);
    }
}
