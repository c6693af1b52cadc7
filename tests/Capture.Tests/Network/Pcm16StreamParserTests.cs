using System.Buffers.Binary;
using EmoStream.Capture.Network;
using EmoStream.Capture.Streams;
using EmoStream.Capture.Tests.Support;

namespace EmoStream.Capture.Tests.Network;

public sealed class Pcm16StreamParserTests
{
    private static byte[] Pcm16(params float[][] channels)
    {
        var bytes = new byte[channels[0].Length * channels.Length * 2];
        for (var f = 0; f < channels[0].Length; f++)
            for (var c = 0; c < channels.Length; c++)
                BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan((f * channels.Length + c) * 2), (short)Math.Round(channels[c][f] * 32767));
        return bytes;
    }

    [Fact]
    public void Browser_audio_at_48_kHz_becomes_16_kHz_frames()
    {
        var tone = Signals.Tone(1000, 48_000, 1.0, 0.4);
        var bytes = Pcm16(tone);
        var parser = new Pcm16StreamParser("browser 1", 48_000, ["speaker"]);
        var samples = new List<float>();

        // 4096-sample messages, as a browser's audio worklet batches them.
        for (var at = 0; at < bytes.Length; at += 8192)
            foreach (var frame in parser.Parse(NetworkMessage.Binary(bytes.AsMemory(at, Math.Min(8192, bytes.Length - at)))))
                samples.AddRange(frame.Samples);
        foreach (var frame in parser.Complete()) samples.AddRange(frame.Samples);

        Assert.Equal(16_000, samples.Count);
        Assert.InRange(Signals.Amplitude(samples.ToArray().AsSpan(2000, 12000), 1000, 16_000), 0.4 * 0.99, 0.4 * 1.01);
    }

    [Fact]
    public void Interleaved_channels_become_separate_speakers()
    {
        var parser = new Pcm16StreamParser("pbx", 16_000, ["agent", "customer"]);

        var frames = parser.Parse(NetworkMessage.Binary(Pcm16(Signals.Tone(300, 16_000, 0.1, 0.5), new float[1600])));

        Assert.Equal(["agent", "customer"], frames.Select(f => f.Speaker));
        Assert.True(Signals.Rms(frames[0].Samples) > 0.3);
        Assert.Equal(0, Signals.Rms(frames[1].Samples));
    }

    [Fact]
    public void A_message_that_is_not_whole_samples_is_malformed()
    {
        var parser = new Pcm16StreamParser("browser 1", 16_000, ["speaker"]);
        parser.Parse(NetworkMessage.Binary(new byte[640]));

        var e = Assert.Throws<AudioStreamException>(() => parser.Parse(NetworkMessage.Binary(new byte[641])));

        Assert.Equal("browser 1: message 2: 641 bytes is not a whole number of 1-channel 16-bit sample frames (2 bytes each)", e.Message);
    }

    [Fact]
    public void A_text_message_is_malformed()
    {
        var parser = new Pcm16StreamParser("browser 1", 16_000, ["speaker"]);
        var e = Assert.Throws<AudioStreamException>(() => parser.Parse(NetworkMessage.Text("hello")));
        Assert.Contains("expected binary PCM16 audio, got a text message", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4_000)]
    [InlineData(384_000)]
    public void An_unsupported_stated_rate_is_refused(int rate)
    {
        var e = Assert.Throws<AudioStreamException>(() => new Pcm16StreamParser("browser 1", rate, ["speaker"]));
        Assert.Contains($"stated sample rate {rate} Hz is not supported; expected 8000 to 192000 Hz", e.Message);
    }
}
