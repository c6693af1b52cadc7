namespace EmoStream.Capture.Audio;

/// <summary>
/// Decoded audio: one float array per channel, samples in [-1, 1], all channels the same length.
/// Channels are kept apart because a channel may be a speaker (agent / customer in a call recording).
/// </summary>
public sealed record PcmAudio
{
    public PcmAudio(int sampleRate, IReadOnlyList<float[]> channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        if (channels.Count == 0) throw new ArgumentException("audio needs at least one channel", nameof(channels));
        var length = channels[0].Length;
        if (channels.Any(c => c.Length != length))
            throw new ArgumentException("all channels must hold the same number of samples", nameof(channels));
        SampleRate = sampleRate;
        Channels = channels;
    }

    public int SampleRate { get; }
    public IReadOnlyList<float[]> Channels { get; }
    public int ChannelCount => Channels.Count;

    /// <summary>Samples per channel.</summary>
    public int FrameCount => Channels[0].Length;

    /// <summary>Mixed to one channel at <see cref="SpeechAudio.SampleRate"/>: what the featurizers and the transcriber take.</summary>
    public PcmAudio ToSpeechMono() => new(SpeechAudio.SampleRate, [Resampling.Resampler.Convert(MixToMono(), SampleRate, SpeechAudio.SampleRate)]);

    /// <summary>Every channel kept apart (a stereo call recording: one speaker per channel), at <see cref="SpeechAudio.SampleRate"/>.</summary>
    public PcmAudio ToSpeechChannels() =>
        new(SpeechAudio.SampleRate, Channels.Select(channel => Resampling.Resampler.Convert(channel, SampleRate, SpeechAudio.SampleRate)).ToArray());

    /// <summary>Equal-weight down-mix of all channels (the channel itself when there is one).</summary>
    public float[] MixToMono()
    {
        if (ChannelCount == 1) return Channels[0];
        var mono = new float[FrameCount];
        foreach (var channel in Channels)
            for (var i = 0; i < mono.Length; i++) mono[i] += channel[i];
        var scale = 1f / ChannelCount;
        for (var i = 0; i < mono.Length; i++) mono[i] *= scale;
        return mono;
    }
}
