using System.Text.Json;
using EmoStream.Capture.Network;

namespace EmoStream.Capture.Tests.Support;

/// <summary>Builds the JSON envelope of a telephony media stream (Twilio's shape), with a test-side G.711 mu-law encoder.</summary>
public static class TelephonyMessages
{
    public static NetworkMessage Connected() => Json(new { @event = "connected", protocol = "Call", version = "1.0.0" });

    public static NetworkMessage Start(long sequence, int sampleRate = 8000, string encoding = "audio/x-mulaw") => Json(new
    {
        @event = "start",
        sequenceNumber = sequence.ToString(),
        streamSid = "MZ0001",
        start = new
        {
            streamSid = "MZ0001",
            callSid = "CA0001",
            tracks = new[] { "inbound", "outbound" },
            mediaFormat = new { encoding, sampleRate, channels = 1 },
        },
    });

    public static NetworkMessage Media(long sequence, string track, long timestampMs, ReadOnlySpan<float> samples) => Json(new
    {
        @event = "media",
        sequenceNumber = sequence.ToString(),
        streamSid = "MZ0001",
        media = new { track, chunk = sequence.ToString(), timestamp = timestampMs.ToString(), payload = Convert.ToBase64String(Encode(samples)) },
    });

    public static NetworkMessage Stop(long sequence) => Json(new { @event = "stop", sequenceNumber = sequence.ToString(), streamSid = "MZ0001" });

    public static NetworkMessage Json(object value) => NetworkMessage.Text(JsonSerializer.Serialize(value));

    /// <summary>G.711 mu-law compression: bias 132, 8 segments, 4-bit steps, bits inverted.</summary>
    public static byte[] Encode(ReadOnlySpan<float> samples)
    {
        var codes = new byte[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            var pcm = (int)Math.Clamp(Math.Round(samples[i] * 32768), -32768, 32767);
            var sign = pcm < 0 ? 0x80 : 0;
            var magnitude = Math.Min(Math.Abs(pcm), 32635) + 132;
            var segment = 7;
            while (segment > 0 && (magnitude & (0x4000 >> (7 - segment))) == 0) segment--;
            var step = (magnitude >> (segment + 3)) & 0x0F;
            codes[i] = (byte)~(sign | (segment << 4) | step);
        }
        return codes;
    }
}
