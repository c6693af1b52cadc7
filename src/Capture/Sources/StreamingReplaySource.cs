using System.Runtime.CompilerServices;
using EmoStream.Capture.Audio;
using EmoStream.Capture.Audio.Ffmpeg;
using EmoStream.Capture.Audio.Resampling;
using EmoStream.Capture.Streams;

namespace EmoStream.Capture.Sources;

/// <summary>
/// Replays a recording as <see cref="FileReplaySource"/> does (mixed to one speaker or one speaker per channel, in
/// real time or as fast as possible), decoding it as a stream (<see cref="FfmpegStream"/>) and resampling block by
/// block: memory stays bounded whatever the recording's length, and one longer than <paramref name="maxDuration"/>
/// ends the stream with the reason. What the web host replays from uploads. A mono recording with several speakers
/// named is the exception: it is diarized (<see cref="Diarization.Diarizer"/>), which needs it whole.
/// </summary>
/// <param name="name">What the source is called (the session's source, error messages); never the path.</param>
/// <param name="time">Paces real-time replays (tests drive it); the system clock when null.</param>
public sealed class StreamingReplaySource(string path, string name, ReplayOptions options, TimeSpan maxDuration, TimeProvider? time = null)
    : IAudioSource
{
    public string Name => name;

    public async IAsyncEnumerable<AudioFrame> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (options.FrameMs <= 0) throw new CaptureConfigurationException($"{ReplayOptions.SectionName}:FrameMs is {options.FrameMs}; expected more than 0");
        string[]? speakers = null;
        Resampler[] resamplers = [];
        long released = 0;
        var clock = time ?? TimeProvider.System;
        var started = clock.GetTimestamp();
        var blocks = FfmpegStream.ReadAsync(path, name, maxDuration, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var reader = blocks.GetAsyncEnumerator();
        var more = true;
        // A mono recording with several speakers named is diarized: that needs all of it, so it is held (64 KB per second) until it ends.
        List<float>? whole = null;
        while (more)
        {
            float[][] resampled;
            if (await reader.MoveNextAsync())
            {
                var block = reader.Current;
                if (speakers is null)
                {
                    if (options.Diarizes(block.ChannelCount)) whole = [];
                    speakers = whole is not null ? [.. options.SpeakerNames]
                        : options.ChannelPerSpeaker ? SpeakerNames.ForChannels(options.EffectiveSpeakerNames, block.ChannelCount) : [options.MixedSpeakerName];
                    resamplers = Enumerable.Range(0, whole is null ? speakers.Length : 1).Select(_ => new Resampler(block.SampleRate, SpeechAudio.SampleRate)).ToArray();
                }
                float[][] channels = options.ChannelPerSpeaker ? [.. block.Channels] : [block.MixToMono()];
                resampled = channels.Select((samples, c) => resamplers[c].Process(samples)).ToArray();
            }
            else
            {
                more = false;
                resampled = resamplers.Select(r => r.Flush()).ToArray();
            }
            if (whole is not null)
            {
                whole.AddRange(resampled[0]);
                if (more) continue;
                var mono = whole.ToArray();
                resampled = [.. Diarization.SpeakerSplit.Split(mono, Diarization.Diarizer.Diarize(mono, new Diarization.DiarizationOptions { Speakers = speakers!.Length }), speakers.Length).Channels];
            }
            await foreach (var frame in Frames(resampled).ConfigureAwait(false)) yield return frame;
        }

        // Frames of FrameMs, released on the recording's own clock when replaying in real time.
        async IAsyncEnumerable<AudioFrame> Frames(float[][] resampled)
        {
            var frameSamples = options.FrameMs * SpeechAudio.SampleRate / 1000;
            var length = resampled.Length == 0 ? 0 : resampled.Min(r => r.Length);
            for (var at = 0; at < length; at += frameSamples)
            {
                var count = Math.Min(frameSamples, length - at);
                released += count;
                if (options.Pacing == ReplayPacing.RealTime)
                {
                    var wait = TimeSpan.FromSeconds((double)released / SpeechAudio.SampleRate) - clock.GetElapsedTime(started);
                    if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
                }
                cancellationToken.ThrowIfCancellationRequested();
                for (var c = 0; c < resampled.Length; c++) yield return new AudioFrame(speakers![c], resampled[c].AsSpan(at, count).ToArray());
            }
        }
    }
}
