using EmoStream.Capture.Audio;
using EmoStream.Capture.Streams;

namespace EmoStream.Capture.Network;

/// <summary>
/// Keeps a live stream live: the audio a connection delivers (PCM samples, or telephony media placed by its
/// timestamps, silence included) may run at most <paramref name="maxLead"/> ahead of the time since its first
/// message arrived. A client that sends faster, or timestamps that jump forward, ends the stream with the reason,
/// so a few kilobytes of messages cannot turn into hours of audio to process.
/// </summary>
public sealed class ArrivalLimitedParser(INetworkAudioParser inner, string name, TimeSpan maxLead, TimeProvider? time = null) : INetworkAudioParser
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, long> _samples = new(StringComparer.Ordinal);
    private long _firstArrival = -1;
    private long _messages;

    public bool IsFinished => inner.IsFinished;

    public IReadOnlyList<AudioFrame> Parse(NetworkMessage message)
    {
        _messages++;
        if (_firstArrival < 0) _firstArrival = _time.GetTimestamp();
        var frames = inner.Parse(message);
        foreach (var frame in frames) _samples[frame.Speaker] = _samples.GetValueOrDefault(frame.Speaker) + frame.Samples.Length;
        var audio = TimeSpan.FromSeconds((double)_samples.Values.DefaultIfEmpty(0).Max() / SpeechAudio.SampleRate);
        var arrived = _time.GetElapsedTime(_firstArrival);
        if (audio > arrived + maxLead)
            throw new AudioStreamException(name,
                $"message {_messages}: the stream holds {audio.TotalSeconds:0.0} s of audio after {arrived.TotalSeconds:0.0} s; a live stream may run at most {maxLead.TotalSeconds:0} s ahead of real time");
        return frames;
    }

    public IReadOnlyList<AudioFrame> Complete() => inner.Complete();
}
