using EmoStream.Inference.Conversations;
using EmoStream.Inference.Corpora;

namespace EmoStream.Inference.Tests.Conversations;

public class ConversationRendererTests
{
    private static ConversationPlan Plan(params string[] speakers) => new("c", "g", speakers.Distinct().ToArray(),
        speakers.Select((s, i) => new CorpusUtterance($"u{i}", "c", i, s, "g", "angry", $"t{i}", null, null, null)).ToArray());

    /// <summary>A turn of constant level whose speech fills it (1 kHz sample rate).</summary>
    private static TurnSpeech Tone(int samples, float level) => new(Enumerable.Repeat(level, samples).ToArray(), 0, samples / 1000.0);

    [Fact]
    public void Stereo_puts_each_speaker_on_a_channel_with_the_pause_between_turns()
    {
        var renderer = new ConversationRenderer(Stereo: true, MinGap: 1.0, MaxGap: 1.0, SampleRate: 1000);
        var rendered = renderer.Render(Plan("a", "b", "a"), [Tone(300, 0.1f), Tone(200, 0.2f), Tone(100, 0.3f)], new Random(1));

        Assert.Equal(2, rendered.Channels.Count);
        Assert.Equal([0, 1, 0], rendered.Turns.Select(t => t.Channel));
        Assert.Equal([0.5, 1.8, 3.0], rendered.Turns.Select(t => t.Start));
        Assert.Equal([0.8, 2.0, 3.1], rendered.Turns.Select(t => Math.Round(t.End, 6)));
        Assert.Equal(3.6, rendered.Duration, 6); // half a second of silence after the last turn
        Assert.Equal(0.2f, rendered.Channels[1][1900]);
        Assert.Equal(0f, rendered.Channels[0][1900]); // b's turn is not on a's channel
        Assert.Equal(0.3f, rendered.Channels[0][3050]);
        Assert.Equal(["t0", "t1", "t2"], rendered.Turns.Select(t => t.Text));
    }

    [Fact]
    public void A_turns_span_is_where_its_speech_lies_inside_its_audio()
    {
        var renderer = new ConversationRenderer(Stereo: false, SampleRate: 1000);
        var rendered = renderer.Render(Plan("a"), [new TurnSpeech(new float[1000], 0.2, 0.7)], new Random(1));
        Assert.Equal(0.7, rendered.Turns[0].Start, 9);
        Assert.Equal(1.2, rendered.Turns[0].End, 9);
    }

    [Fact]
    public void Mono_mixes_every_speaker_into_one_channel_and_pauses_stay_in_range()
    {
        var renderer = new ConversationRenderer(Stereo: false, MinGap: 0.5, MaxGap: 1.5, SampleRate: 1000);
        var rendered = renderer.Render(Plan("a", "b", "a", "b", "a"), Enumerable.Repeat(Tone(100, 0.5f), 5).ToArray(), new Random(2));

        Assert.Single(rendered.Channels);
        Assert.All(rendered.Turns, t => Assert.Equal(0, t.Channel));
        for (var i = 1; i < rendered.Turns.Count; i++)
            Assert.InRange(rendered.Turns[i].Start - rendered.Turns[i - 1].End, 0.5 - 1e-9, 1.5 + 1e-9);
    }

    [Fact]
    public void Speech_extent_cuts_the_silence_around_a_clip()
    {
        var samples = new float[16_000 * 3];
        for (var i = 16_000; i < 32_000; i++) samples[i] = (float)Math.Sin(i * 0.05) * 0.3f; // one second of sound in the middle
        var (from, to) = SpeechExtent.Find(samples, 16_000);
        Assert.InRange(from, 16_000 - 800 - 320, 16_000 - 800 + 320); // 50 ms margin, within a frame
        Assert.InRange(to, 32_000 + 800 - 320, 32_000 + 800 + 320);
        Assert.Equal(1000, SpeechExtent.Trim(new float[1000], 16_000).Length); // silence stays whole
    }
}
