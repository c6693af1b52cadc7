using EmoStream.Inference.Conversations;

namespace EmoStream.Inference.Tests.Conversations;

public class TurnMatcherTests
{
    private static readonly TurnSpan[] Turns =
    [
        new(0, "a", 0, 1.0, 3.0, "angry", null),
        new(1, "b", 1, 4.0, 6.0, "sad", null),
        new(2, "a", 0, 7.0, 9.0, "happy", null),
        new(3, "b", 1, 10.0, 12.0, "neutral", null),
    ];

    [Fact]
    public void Turns_are_found_split_misaligned_or_missed()
    {
        var detected = new DetectedSpan[]
        {
            new(0, 1.1, 2.9),   // turn 0, found
            new(1, 4.0, 4.9),   // turn 1, first fragment
            new(1, 5.5, 6.0),   // turn 1, second fragment
            new(0, 6.9, 10.5),  // turn 2, its end 1.5 s late
            new(1, 13.0, 13.5), // noise: no turn there
        };

        var match = TurnMatcher.Match(Turns, detected);

        Assert.Equal([TurnOutcome.Found, TurnOutcome.Split, TurnOutcome.Misaligned, TurnOutcome.Missed], match.Outcomes);
        Assert.Equal([0, 1, 1, 2, -1], match.TurnOfDetected);
        Assert.Equal(1, match.Count(TurnOutcome.Found));
    }

    [Fact]
    public void A_detection_on_the_other_channel_does_not_count_for_a_turn()
    {
        var match = TurnMatcher.Match(Turns, [new DetectedSpan(1, 1.0, 3.0)]);
        Assert.Equal(TurnOutcome.Missed, match.Outcomes[0]);
        Assert.Equal(-1, match.TurnOfDetected[0]);
    }

    [Fact]
    public void Inside_is_the_share_of_the_detection_within_the_turn()
    {
        Assert.Equal(0.5, TurnMatcher.Inside(new DetectedSpan(0, 2.0, 4.0), Turns[0]), 9);
        Assert.Equal(0, TurnMatcher.Inside(new DetectedSpan(0, 5.0, 5.0), Turns[0]));
    }
}
