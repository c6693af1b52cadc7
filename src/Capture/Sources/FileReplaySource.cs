using System.Runtime.CompilerServices;
using EmoStream.Capture.Audio;
using EmoStream.Capture.Streams;

namespace EmoStream.Capture.Sources;

/// <summary>
/// Replays a recording in any format <see cref="AudioFileReader"/> reads, as if it were arriving live
/// (or as fast as possible), mixed to one speaker or one speaker per channel. Real-time pacing follows
/// <see cref="TimeProvider"/>, so tests drive it instead of waiting.
/// </summary>
public sealed class FileReplaySource : IAudioSource
{
    private readonly Func<CancellationToken, PcmAudio> _decode;
    private readonly ReplayOptions _options;
    private readonly TimeProvider _time;

    public FileReplaySource(string path, ReplayOptions options, AudioFileReader? reader = null, TimeProvider? time = null)
        : this(path, options, ct => (reader ?? AudioFileReader.Default).Read(path, ct), time)
    {
    }

    /// <summary>A recording decoded already (an upload checked when it arrived): replayed without decoding it again.</summary>
    /// <param name="name">What the audio comes from (the file's name), for the session and messages.</param>
    public FileReplaySource(string name, PcmAudio decoded, ReplayOptions options, TimeProvider? time = null)
        : this(name, options, _ => decoded, time)
    {
    }

    private FileReplaySource(string name, ReplayOptions options, Func<CancellationToken, PcmAudio> decode, TimeProvider? time)
    {
        Name = name;
        _options = options;
        _decode = decode;
        _time = time ?? TimeProvider.System;
    }

    public string Name { get; }

    public async IAsyncEnumerable<AudioFrame> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var options = _options;
        if (options.FrameMs <= 0) throw new CaptureConfigurationException($"{ReplayOptions.SectionName}:FrameMs is {options.FrameMs}; expected more than 0");
        // Decoding and resampling are CPU and process work: keep them off the caller's thread.
        var audio = await Task.Run(() =>
        {
            var stored = _decode(cancellationToken);
            // One channel and several speakers named: who spoke when is found from the voices (docs/DIARIZATION.md).
            if (options.Diarizes(stored.ChannelCount))
                return Diarization.SpeakerSplit.Diarize(stored, options.SpeakerNames.Length);
            return options.ChannelPerSpeaker ? stored.ToSpeechChannels() : stored.ToSpeechMono();
        }, cancellationToken).ConfigureAwait(false);

        var speakers = options.ChannelPerSpeaker
            ? SpeakerNames.ForChannels(options.EffectiveSpeakerNames, audio.ChannelCount)
            : [options.MixedSpeakerName];
        var format = AudioFormat.Mono(audio.SampleRate);
        var frameSamples = options.FrameMs * audio.SampleRate / 1000;
        var started = _time.GetTimestamp();
        for (var at = 0; at < audio.FrameCount; at += frameSamples)
        {
            var length = Math.Min(frameSamples, audio.FrameCount - at);
            if (options.Pacing == ReplayPacing.RealTime)
            {
                var due = TimeSpan.FromSeconds((double)(at + length) / audio.SampleRate);
                var wait = due - _time.GetElapsedTime(started);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
            cancellationToken.ThrowIfCancellationRequested();
            for (var c = 0; c < audio.ChannelCount; c++)
                yield return new AudioFrame(speakers[c], audio.Channels[c].AsSpan(at, length).ToArray(), format);
        }
    }
}
