using System.Globalization;
using System.Text.Json;
using EmoStream.Capture.Audio;
using EmoStream.Capture.Audio.Resampling;
using EmoStream.Capture.Streams;
using NAudio.Codecs;

namespace EmoStream.Capture.Network;

/// <summary>
/// The JSON envelope telephony media-stream APIs send over a WebSocket (Twilio's shape): events
/// <c>connected</c>, <c>start</c> (with <c>mediaFormat</c>: audio/x-mulaw, 8000 Hz, mono), <c>media</c>
/// (track, timestamp in ms, base64 mu-law payload), <c>mark</c>/<c>dtmf</c> (ignored) and <c>stop</c>, each with
/// a <c>sequenceNumber</c>. Stale or repeated sequence numbers are dropped; audio lost in between is
/// replaced by silence (placed by the media timestamps) so that time on each track stays true.
/// Each track becomes a speaker, resampled to 16 kHz.
/// </summary>
public sealed class TelephonyMediaParser(string name, TelephonyOptions options) : INetworkAudioParser
{
    private const int Rate = 8_000;

    private readonly Dictionary<string, Track> _tracks = new(StringComparer.Ordinal);
    private long _messages;
    private long _lastSequence = -1;
    private bool _started;

    public bool IsFinished { get; private set; }

    /// <summary>Media messages dropped because their sequence number was not newer than one already seen.</summary>
    public long DroppedMessages { get; private set; }

    /// <summary>Samples of silence put where media went missing, over all tracks, at 8 kHz.</summary>
    public long FilledSamples { get; private set; }

    public IReadOnlyList<AudioFrame> Parse(NetworkMessage message)
    {
        _messages++;
        if (IsFinished) throw Malformed("a message after the 'stop' event");
        if (message.Kind != NetworkMessageKind.Text) throw Malformed("expected a JSON text message, got binary data");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message.Data);
        }
        catch (JsonException e)
        {
            throw Malformed($"not valid JSON ({e.Message})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Malformed("expected a JSON object");
            var kind = String(root, "event");
            switch (kind)
            {
                case "connected":
                    return [];
                case "start":
                    CheckSequence(root);
                    Start(root);
                    return [];
                case "media":
                    if (!_started) throw Malformed("a 'media' event before the 'start' event");
                    return CheckSequence(root) ? Media(root) : [];
                case "stop":
                    CheckSequence(root);
                    IsFinished = true;
                    return Flush();
                case "mark" or "dtmf":
                    CheckSequence(root);
                    return [];
                default:
                    throw Malformed($"unknown event '{kind}'");
            }
        }
    }

    public IReadOnlyList<AudioFrame> Complete() =>
        IsFinished ? [] : throw new AudioStreamException(name, "the connection closed before the 'stop' event");

    private void Start(JsonElement root)
    {
        if (_started) throw Malformed("a second 'start' event");
        if (!root.TryGetProperty("start", out var start) || start.ValueKind != JsonValueKind.Object)
            throw Malformed("the 'start' event has no 'start' object");
        if (!start.TryGetProperty("mediaFormat", out var format) || format.ValueKind != JsonValueKind.Object)
            throw Malformed("the 'start' event has no 'mediaFormat'");
        var encoding = String(format, "encoding");
        if (encoding != "audio/x-mulaw") throw Malformed($"media encoding '{encoding}' is not supported; expected 'audio/x-mulaw'");
        var rate = Integer(format, "sampleRate");
        if (rate != Rate) throw Malformed($"media sample rate {rate} Hz; expected {Rate} Hz");
        if (format.TryGetProperty("channels", out _) && Integer(format, "channels") != 1)
            throw Malformed($"{Integer(format, "channels")} channels per track; expected 1");
        _started = true;
    }

    private IReadOnlyList<AudioFrame> Media(JsonElement root)
    {
        if (!root.TryGetProperty("media", out var media) || media.ValueKind != JsonValueKind.Object)
            throw Malformed("the 'media' event has no 'media' object");
        var trackName = media.TryGetProperty("track", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "inbound";
        byte[] payload;
        try
        {
            payload = Convert.FromBase64String(String(media, "payload"));
        }
        catch (FormatException)
        {
            throw Malformed("the media payload is not valid base64");
        }
        if (payload.Length == 0) throw Malformed("the media payload is empty");

        if (!_tracks.TryGetValue(trackName, out var track))
            _tracks[trackName] = track = new Track(options.TrackSpeakers.GetValueOrDefault(trackName, trackName));

        var frames = new List<AudioFrame>(2);
        if (media.TryGetProperty("timestamp", out _))
        {
            var expected = Integer(media, "timestamp") * Rate / 1000;
            // Lost media: silence up to where this payload belongs (a millisecond of jitter is not a loss).
            var missing = expected - track.Samples;
            if (missing > Rate / 1000)
            {
                if (missing > 60L * Rate) throw Malformed($"media timestamp jumps {missing / Rate} s ahead on track '{trackName}'");
                frames.Add(track.Add(new float[missing]));
                FilledSamples += missing;
            }
        }
        // G.711 mu-law, expanded by NAudio to 16-bit linear PCM.
        var samples = new float[payload.Length];
        for (var i = 0; i < payload.Length; i++) samples[i] = MuLawDecoder.MuLawToLinearSample(payload[i]) / 32768f;
        frames.Add(track.Add(samples));
        return frames.Where(f => f.Samples.Length > 0).ToArray();
    }

    private IReadOnlyList<AudioFrame> Flush() =>
        _tracks.Values.Select(track => track.Flush()).Where(f => f.Samples.Length > 0).ToArray();

    /// <summary>True when the message is newer than every one before; stale or repeated ones are dropped.</summary>
    private bool CheckSequence(JsonElement root)
    {
        if (!root.TryGetProperty("sequenceNumber", out _)) throw Malformed("no 'sequenceNumber'");
        var sequence = Integer(root, "sequenceNumber");
        if (sequence <= _lastSequence)
        {
            DroppedMessages++;
            return false;
        }
        _lastSequence = sequence;
        return true;
    }

    private string String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Malformed($"'{property}' is missing or not a string");

    /// <summary>Telephony APIs send numbers as strings ("sequenceNumber": "3") or as numbers; both are taken.</summary>
    private long Integer(JsonElement element, string property)
    {
        if (element.TryGetProperty(property, out var value))
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)) return number;
            if (value.ValueKind == JsonValueKind.String &&
                long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number)) return number;
        }
        throw Malformed($"'{property}' is missing or not an integer");
    }

    private AudioStreamException Malformed(string problem) => new(name, $"message {_messages}: {problem}");

    /// <summary>One media track: its speaker, its 8 kHz clock and its resampler to 16 kHz.</summary>
    private sealed class Track(string speaker)
    {
        private readonly Resampler _resampler = new(Rate, SpeechAudio.SampleRate);

        public long Samples { get; private set; }

        public AudioFrame Add(float[] samples)
        {
            Samples += samples.Length;
            return new AudioFrame(speaker, _resampler.Process(samples));
        }

        public AudioFrame Flush() => new(speaker, _resampler.Flush());
    }
}
