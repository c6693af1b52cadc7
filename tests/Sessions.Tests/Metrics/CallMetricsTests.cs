using EmoStream.Sessions.Metrics;
using EmoStream.Sessions.Storage;

namespace EmoStream.Sessions.Tests.Metrics;

/// <summary>Each metric of docs/API.md#call-metrics against values worked out by hand on a built two-channel call.</summary>
public sealed class CallMetricsTests
{
    private static readonly string[] Negative = ["angry", "sad"];

    /// <summary>
    /// agent    [0,4] neutral  "Hello, how can I help you?" · [9,11] neutral (no text) · [16,20] happy "We will refund you today."
    /// customer [3,8] angry "My order never arrived." · [10,14] angry "This is the third time I call!" · [15,17] sad (empty) · [21,23] neutral "Thanks — "
    /// </summary>
    private static readonly UtteranceRecord[] Call =
    [
        U(0, "agent", 0, 4, "neutral", "Hello, how can I help you?"),
        U(1, "customer", 3, 8, "angry", "My order never arrived."),
        U(2, "agent", 9, 11, "neutral", null),
        U(3, "customer", 10, 14, "angry", "This is the third time I call!"),
        U(4, "customer", 15, 17, "sad", ""),
        U(5, "agent", 16, 20, "happy", "We will refund you today."),
        U(6, "customer", 21, 23, "neutral", "Thanks — "),
    ];

    [Fact]
    public void The_whole_call_matches_the_hand_computed_figures()
    {
        var m = CallMetricsCalculator.Compute(Call, Negative);

        Assert.Equal(23, m.Duration);
        // Speech covers [0,8] [9,14] [15,20] [21,23] = 20 s; silence 3 of 23 s.
        Assert.Equal(20, m.TalkTime, 9);
        Assert.Equal(3.0 / 23, m.SilenceShare, 9);
        Assert.True(m.SeparateChannels);
        // Both speak in [3,4], [10,11], [16,17]; customer began inside agent twice, agent inside customer once.
        Assert.Equal(3, m.OverlapTime!.Value, 9);
        Assert.Equal(3, m.Interruptions);
        // 6 + 4 + 7 + 5 + 1 words over the 19 s of the utterances that have text.
        Assert.Equal(23, m.Words);
        Assert.Equal(23 * 60.0 / 19, m.WordsPerMinute!.Value, 9);
        // By duration over 23 s of utterances: neutral 4+2+2, angry 5+4, sad 2, happy 4.
        Assert.Equal(["angry", "happy", "neutral", "sad"], m.EmotionShare.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(9.0 / 23, m.EmotionShare["angry"], 9);
        Assert.Equal(4.0 / 23, m.EmotionShare["happy"], 9);
        Assert.Equal(8.0 / 23, m.EmotionShare["neutral"], 9);
        Assert.Equal(2.0 / 23, m.EmotionShare["sad"], 9);
        // The customer's angry, angry, sad (the agent's turns in between do not break it): 3 utterances, 3 s to 17 s.
        Assert.Equal(new NegativeRun("customer", 3, 14, 1, 4, 3, 17), m.LongestNegativeRun);
        Assert.Equal(["agent", "customer"], m.Speakers.Select(s => s.Speaker));
    }

    [Fact]
    public void Each_speaker_matches_the_hand_computed_figures()
    {
        var m = CallMetricsCalculator.Compute(Call, Negative);
        var agent = m.Speakers.Single(s => s.Speaker == "agent");
        Assert.Equal(3, agent.Utterances);
        Assert.Equal(10, agent.TalkTime, 9);
        Assert.Equal(0.5, agent.TalkShare, 9);
        Assert.Equal(13.0 / 23, agent.SilenceShare, 9);
        Assert.Equal(3, agent.OverlapTime!.Value, 9);
        Assert.Equal(1, agent.Interruptions);
        Assert.Equal(2, agent.Interrupted);
        Assert.Equal(11, agent.Words);
        Assert.Equal(11 * 60.0 / 8, agent.WordsPerMinute!.Value, 9); // the utterance without text does not count
        Assert.Equal(0.6, agent.EmotionShare["neutral"], 9);
        Assert.Equal(0.4, agent.EmotionShare["happy"], 9);
        Assert.Null(agent.LongestNegativeRun);

        var customer = m.Speakers.Single(s => s.Speaker == "customer");
        Assert.Equal(4, customer.Utterances);
        Assert.Equal(13, customer.TalkTime, 9);
        Assert.Equal(0.65, customer.TalkShare, 9);
        Assert.Equal(10.0 / 23, customer.SilenceShare, 9);
        Assert.Equal(3, customer.OverlapTime!.Value, 9);
        Assert.Equal(2, customer.Interruptions);
        Assert.Equal(1, customer.Interrupted);
        Assert.Equal(12, customer.Words);
        Assert.Equal(12 * 60.0 / 11, customer.WordsPerMinute!.Value, 9);
        Assert.Equal(9.0 / 13, customer.EmotionShare["angry"], 9);
        Assert.Equal(2.0 / 13, customer.EmotionShare["sad"], 9);
        Assert.Equal(2.0 / 13, customer.EmotionShare["neutral"], 9);
        Assert.Equal(new NegativeRun("customer", 3, 14, 1, 4, 3, 17), customer.LongestNegativeRun);
    }

    [Fact]
    public void One_mixed_channel_reports_no_overlaps_and_no_text_gives_no_speaking_rate()
    {
        UtteranceRecord[] mono = [U(0, "speaker", 1, 3, "sad", null), U(1, "speaker", 4, 5, "angry", null), U(2, "speaker", 6, 8, "sad", null)];
        var m = CallMetricsCalculator.Compute(mono, Negative);
        Assert.False(m.SeparateChannels);
        Assert.Null(m.OverlapTime);
        Assert.Null(m.Interruptions);
        Assert.Null(m.Speakers[0].Interruptions);
        Assert.Null(m.WordsPerMinute);
        Assert.Equal(0, m.Words);
        Assert.Equal(5, m.TalkTime, 9);
        Assert.Equal(3.0 / 8, m.SilenceShare, 9);
        Assert.Equal(new NegativeRun("speaker", 3, 7, 0, 2, 1, 8), m.LongestNegativeRun);
    }

    [Fact]
    public void A_call_without_utterances_has_zero_figures()
    {
        var m = CallMetricsCalculator.Compute([], Negative);
        Assert.Equal(0, m.Duration);
        Assert.Equal(0, m.SilenceShare);
        Assert.Empty(m.Speakers);
        Assert.Null(m.LongestNegativeRun);
    }

    private static UtteranceRecord U(int index, string speaker, double start, double end, string emotion, string? text) =>
        new("s", index, speaker, start, end, text, text is null ? null : "corpus", null, emotion,
            new Dictionary<string, double> { [emotion] = 1 }, new Dictionary<string, double> { ["audio"] = 1 });
}
