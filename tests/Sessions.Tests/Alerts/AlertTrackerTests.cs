using EmoStream.Sessions.Alerts;
using EmoStream.Sessions.Storage;

namespace EmoStream.Sessions.Tests.Alerts;

public sealed class AlertTrackerTests
{
    private static readonly AlertOptions AngryOrSadThreeTimes = new() { ConsecutiveUtterances = 3, Emotions = ["angry", "sad"] };

    private static UtteranceRecord Utterance(int index, string speaker, string emotion) =>
        new("s", index, speaker, index * 2.0, index * 2.0 + 1.5, null, null, null, emotion,
            new Dictionary<string, double> { [emotion] = 1.0 }, new Dictionary<string, double>());

    private static AlertRecord?[] Run(AlertOptions rule, params (string Speaker, string Emotion)[] turns)
    {
        var tracker = new AlertTracker(rule);
        return turns.Select((t, i) => tracker.Add(Utterance(i, t.Speaker, t.Emotion))).ToArray();
    }

    [Fact]
    public void An_alert_is_raised_at_the_nth_utterance_in_a_row_extended_by_the_next_and_ended_by_another_emotion()
    {
        var alerts = Run(AngryOrSadThreeTimes, ("a", "angry"), ("a", "sad"), ("a", "angry"), ("a", "angry"), ("a", "happy"), ("a", "happy"));

        Assert.Null(alerts[0]);
        Assert.Null(alerts[1]);
        Assert.Equal(new AlertRecord(1, "a", 0, 2, 0.0, 5.5, 3, new Dictionary<string, int> { ["angry"] = 2, ["sad"] = 1 }, true), alerts[2]);
        Assert.Equal(new AlertRecord(1, "a", 0, 3, 0.0, 7.5, 4, new Dictionary<string, int> { ["angry"] = 3, ["sad"] = 1 }, true), alerts[3]);
        Assert.Equal(alerts[3]! with { Ongoing = false }, alerts[4]);
        Assert.Null(alerts[5]);
    }

    [Fact]
    public void Other_speakers_turns_do_not_break_a_run_and_each_alert_gets_the_next_number()
    {
        var alerts = Run(AngryOrSadThreeTimes,
            ("a", "angry"), ("b", "happy"), ("a", "angry"), ("b", "sad"), ("a", "sad"), ("b", "sad"), ("b", "angry"));

        Assert.All(alerts[..4], Assert.Null);
        Assert.Equal((1, "a", 0, 4, 3), (alerts[4]!.Number, alerts[4]!.Speaker, alerts[4]!.FromIndex, alerts[4]!.ToIndex, alerts[4]!.Length));
        Assert.Null(alerts[5]); // b's run: 2 so far
        Assert.Equal((2, "b", 3, 6, 3), (alerts[6]!.Number, alerts[6]!.Speaker, alerts[6]!.FromIndex, alerts[6]!.ToIndex, alerts[6]!.Length));
    }

    [Fact]
    public void Runs_are_per_speaker_and_an_alert_is_raised_at_the_nth_utterance_not_before()
    {
        var alerts = Run(AngryOrSadThreeTimes, ("a", "angry"), ("b", "angry"), ("a", "sad"), ("b", "happy"), ("b", "angry"), ("a", "neutral"),
            ("a", "angry"), ("b", "sad"), ("a", "angry"), ("b", "sad"), ("a", "angry"));

        // b: angry(4) sad(7) sad(9); a: angry(6) angry(8) angry(10); a's first run ended at 5 without an alert.
        Assert.Equal([9, 10], alerts.Select((a, i) => (a, i)).Where(x => x.a is { Length: 3 }).Select(x => x.i));
        Assert.Equal([9, 10], alerts.Select((a, i) => (a, i)).Where(x => x.a is not null).Select(x => x.i));
    }

    [Fact]
    public void A_run_shorter_than_n_ends_without_an_alert_and_the_next_one_starts_afresh()
    {
        var alerts = Run(AngryOrSadThreeTimes, ("a", "angry"), ("a", "angry"), ("a", "neutral"), ("a", "sad"), ("a", "sad"), ("a", "sad"));

        Assert.All(alerts[..5], Assert.Null);
        Assert.Equal((1, 3, 5, 3), (alerts[5]!.Number, alerts[5]!.FromIndex, alerts[5]!.ToIndex, alerts[5]!.Length));
    }

    [Fact]
    public void The_latest_state_of_each_alert_is_read_back_from_the_utterances_that_carry_it()
    {
        var tracker = new AlertTracker(new AlertOptions { ConsecutiveUtterances = 1, Emotions = ["angry"] });
        var stored = new[] { ("a", "angry"), ("a", "angry"), ("b", "angry"), ("a", "happy") }
            .Select((t, i) => Utterance(i, t.Item1, t.Item2)).Select(u => u with { Alert = tracker.Add(u) }).ToArray();

        var latest = AlertHistory.Latest(stored);

        Assert.Equal([(1, "a", 2, false), (2, "b", 1, true)], latest.Select(a => (a.Number, a.Speaker, a.Length, a.Ongoing)));
    }

    [Theory]
    [InlineData(0, null, "Dashboard:Alerts:ConsecutiveUtterances is 0; expected 1 or more")]
    [InlineData(3, "", "Dashboard:Alerts:Emotions is empty; expected one or more emotion names")]
    public void A_rule_that_cannot_work_is_named_with_its_setting(int n, string? emotions, string message)
    {
        var rule = new AlertOptions { ConsecutiveUtterances = n, Emotions = emotions is null ? null : [] };
        Assert.Equal(message, rule.Problem());
    }
}
