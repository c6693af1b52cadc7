using System.Diagnostics;
using System.Runtime.CompilerServices;
using EmoStream.Capture.Audio;
using EmoStream.Capture.Streams;

namespace EmoStream.Capture.Sources;

/// <summary>
/// Replays a recording in any format <see cref="AudioFileReader"/> reads, as if it were arriving live
/// (or as fast as possible), mixed to one speaker or one speaker per channel.
/// </summary>
public sealed class FileReplaySource(string path, ReplayOptions options, AudioFileReader? reader = null) : IAudioSource
{
    private readonly AudioFileReader _reader = reader ?? AudioFileReader.Default;

    public string Name => path;

    public async IAsyncEnumerable<AudioFrame> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (options.FrameMs <= 0) throw new CaptureConfigurationException($"{ReplayOptions.SectionName}:FrameMs is {options.FrameMs}; expected more than 0");
        // Decoding is CPU and process work: keep it off the caller's thread.
        var audio = await Task.Run(() => options.ChannelPerSpeaker
            ? _reader.ReadChannels16k(path, cancellationToken)
            : new PcmAudio(SpeechAudio.SampleRate, [_reader.Read16kMono(path, cancellationToken)]), cancellationToken).ConfigureAwait(false);

        var speakers = options.ChannelPerSpeaker
            ? SpeakerNames.ForChannels(options.EffectiveSpeakerNames, audio.ChannelCount)
            : [options.MixedSpeakerName];
        var frameSamples = options.FrameMs * SpeechAudio.SampleRate / 1000;
        var clock = Stopwatch.StartNew();
        for (var at = 0; at < audio.FrameCount; at += frameSamples)
        {
            var length = Math.Min(frameSamples, audio.FrameCount - at);
            if (options.Pacing == ReplayPacing.RealTime)
            {
                var due = TimeSpan.FromSeconds((double)(at + length) / SpeechAudio.SampleRate);
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            cancellationToken.ThrowIfCancellationRequested();
            for (var c = 0; c < audio.ChannelCount; c++)
                yield return new AudioFrame(speakers[c], audio.Channels[c].AsSpan(at, length).ToArray());
        }
    }
}
