using EmoStream.Capture.Network;
using EmoStream.Capture.Streams;
using EmoStream.Capture.Tests.Support;

namespace EmoStream.Capture.Tests.Network;

public sealed class TelephonyMediaParserTests
{
    private static TelephonyMediaParser Parser() => new("call CA0001", new TelephonyOptions());

    /// <summary>20 ms media messages (160 mu-law bytes), as telephony platforms send them.</summary>
    private static IEnumerable<NetworkMessage> Call(float[] inbound, float[] outbound, long firstSequence = 2)
    {
        var sequence = firstSequence;
        for (var at = 0; at < inbound.Length; at += 160)
        {
            yield return TelephonyMessages.Media(sequence++, "inbound", at / 8, inbound.AsSpan(at, 160));
            yield return TelephonyMessages.Media(sequence++, "outbound", at / 8, outbound.AsSpan(at, 160));
        }
    }

    private static Dictionary<string, float[]> Run(TelephonyMediaParser parser, IEnumerable<NetworkMessage> messages)
    {
        var bySpeaker = new Dictionary<string, List<float>>();
        foreach (var message in messages)
            foreach (var frame in parser.Parse(message))
            {
                if (!bySpeaker.TryGetValue(frame.Speaker, out var list)) bySpeaker[frame.Speaker] = list = [];
                list.AddRange(frame.Samples);
            }
        return bySpeaker.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    [Fact]
    public void A_call_becomes_one_16_kHz_stream_per_track_named_by_speaker()
    {
        var inbound = Signals.Tone(440, 8000, 1.0, 0.3);
        var outbound = Signals.Tone(1200, 8000, 1.0, 0.2);
        var parser = Parser();
        NetworkMessage[] messages = [TelephonyMessages.Connected(), TelephonyMessages.Start(1), .. Call(inbound, outbound), TelephonyMessages.Stop(1000)];

        var streams = Run(parser, messages);

        Assert.True(parser.IsFinished);
        Assert.Equal(["agent", "customer"], streams.Keys.Order());
        Assert.Equal(16_000, streams["customer"].Length);
        Assert.Equal(16_000, streams["agent"].Length);
        // mu-law keeps a tone within about 1% of its amplitude.
        Assert.InRange(Signals.Amplitude(streams["customer"].AsSpan(2000, 12000), 440, 16_000), 0.3 * 0.97, 0.3 * 1.03);
        Assert.InRange(Signals.Amplitude(streams["agent"].AsSpan(2000, 12000), 1200, 16_000), 0.2 * 0.97, 0.2 * 1.03);
        Assert.Empty(parser.Complete());
    }

    [Fact]
    public void Repeated_or_stale_sequence_numbers_are_dropped_and_lost_media_becomes_silence()
    {
        var tone = Signals.Tone(440, 8000, 0.2, 0.3);
        var parser = Parser();
        var media = Enumerable.Range(0, 10)
            .Select(i => TelephonyMessages.Media(2 + i, "inbound", i * 20, tone.AsSpan(i * 160, 160)))
            .ToList();
        // Message 4 repeated, message 3 late (after 5), messages 7 and 8 lost.
        NetworkMessage[] messages = [TelephonyMessages.Start(1), media[0], media[1], media[3], media[3], media[2], media[4], media[5], media[8], media[9], TelephonyMessages.Stop(100)];

        var stream = Run(parser, messages)["customer"];

        Assert.Equal(2, parser.DroppedMessages);
        Assert.Equal(160 + 320, parser.FilledSamples); // message 3's place (dropped) and the two lost ones
        Assert.Equal(2 * tone.Length, stream.Length);   // time on the track stays true: 200 ms at 16 kHz
        Assert.True(Signals.Rms(stream.AsSpan(2 * 2 * 160 + 40, 2 * 160 - 80)) < 0.01, "a dropped message's place is not silent");
    }

    public static TheoryData<NetworkMessage[], string> Broken => new()
    {
        { [TelephonyMessages.Start(1, sampleRate: 16000)], "media sample rate 16000 Hz; expected 8000 Hz" },
        { [TelephonyMessages.Start(1, encoding: "audio/l16")], "encoding 'audio/l16' is not supported" },
        { [TelephonyMessages.Media(1, "inbound", 0, new float[160])], "before the 'start' event" },
        { [TelephonyMessages.Start(1), NetworkMessage.Text("{\"event\":\"media\",")], "not valid JSON" },
        { [TelephonyMessages.Start(1), NetworkMessage.Binary(new byte[160])], "got binary data" },
        { [TelephonyMessages.Start(1), NetworkMessage.Text("{\"event\":\"media\",\"sequenceNumber\":\"2\",\"media\":{\"payload\":\"@@not-base64@@\"}}")], "not valid base64" },
        { [TelephonyMessages.Start(1), NetworkMessage.Text("{\"event\":\"media\",\"media\":{\"payload\":\"AAAA\"}}")], "no 'sequenceNumber'" },
        { [TelephonyMessages.Start(1), NetworkMessage.Text("{\"event\":\"party\",\"sequenceNumber\":\"2\"}")], "unknown event 'party'" },
        { [TelephonyMessages.Start(1), TelephonyMessages.Stop(2), TelephonyMessages.Stop(3)], "after the 'stop' event" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_message_that_breaks_the_protocol_is_named_with_the_problem(NetworkMessage[] messages, string problem)
    {
        var parser = Parser();

        var e = Assert.Throws<AudioStreamException>(() => Run(parser, messages));

        Assert.Equal("call CA0001", e.StreamName);
        Assert.Contains(problem, e.Reason);
        Assert.StartsWith($"message {messages.Length}: ", e.Reason);
    }

    [Fact]
    public void A_connection_closed_before_stop_is_a_premature_end()
    {
        var parser = Parser();
        Run(parser, [TelephonyMessages.Start(1), TelephonyMessages.Media(2, "inbound", 0, new float[160])]);

        var e = Assert.Throws<AudioStreamException>(() => parser.Complete());

        Assert.Contains("closed before the 'stop' event", e.Message);
    }
}
