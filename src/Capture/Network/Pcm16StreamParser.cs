using System.Buffers.Binary;
using EmoStream.Capture.Audio;
using EmoStream.Capture.Audio.Resampling;
using EmoStream.Capture.Streams;

namespace EmoStream.Capture.Network;

/// <summary>
/// Raw little-endian 16-bit PCM in binary messages at a rate stated when the connection opened (what a
/// browser's microphone sends), interleaved when there are several channels; resampled to 16 kHz per channel.
/// A closed connection is the normal end of such a stream.
/// </summary>
public sealed class Pcm16StreamParser : INetworkAudioParser
{
    public const int MinimumRate = 8_000;
    public const int MaximumRate = 192_000;

    private readonly string _name;
    private readonly string[] _speakers;
    private readonly Resampler[] _resamplers;
    private long _messages;

    /// <param name="speakers">One name per channel.</param>
    public Pcm16StreamParser(string name, int sampleRate, IReadOnlyList<string> speakers)
    {
        _name = name;
        if (sampleRate is < MinimumRate or > MaximumRate)
            throw new AudioStreamException(name, $"stated sample rate {sampleRate} Hz is not supported; expected {MinimumRate} to {MaximumRate} Hz");
        if (speakers.Count is 0 or > 8)
            throw new AudioStreamException(name, $"{speakers.Count} channels stated; expected 1 to 8");
        _speakers = [.. speakers];
        _resamplers = _speakers.Select(_ => new Resampler(sampleRate, SpeechAudio.SampleRate)).ToArray();
    }

    public bool IsFinished => false;

    public IReadOnlyList<AudioFrame> Parse(NetworkMessage message)
    {
        _messages++;
        if (message.Kind != NetworkMessageKind.Binary)
            throw new AudioStreamException(_name, $"message {_messages}: expected binary PCM16 audio, got a text message");
        var frameBytes = 2 * _speakers.Length;
        var bytes = message.Data.Span;
        if (bytes.Length % frameBytes != 0)
            throw new AudioStreamException(_name,
                $"message {_messages}: {bytes.Length} bytes is not a whole number of {_speakers.Length}-channel 16-bit sample frames ({frameBytes} bytes each)");

        var frames = bytes.Length / frameBytes;
        var channel = new float[frames];
        var result = new List<AudioFrame>(_speakers.Length);
        for (var c = 0; c < _speakers.Length; c++)
        {
            for (var f = 0; f < frames; f++)
                channel[f] = BinaryPrimitives.ReadInt16LittleEndian(bytes.Slice(f * frameBytes + 2 * c)) / 32768f;
            var samples = _resamplers[c].Process(channel);
            if (samples.Length > 0) result.Add(new AudioFrame(_speakers[c], samples));
        }
        return result;
    }

    public IReadOnlyList<AudioFrame> Complete() =>
        _speakers.Select((speaker, c) => new AudioFrame(speaker, _resamplers[c].Flush()))
            .Where(frame => frame.Samples.Length > 0)
            .ToArray();
}
