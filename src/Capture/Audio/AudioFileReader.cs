using EmoStream.Capture.Audio.Ffmpeg;
using EmoStream.Capture.Audio.Wav;

namespace EmoStream.Capture.Audio;

/// <summary>
/// Reads any audio file a user may hold into the product's format: WAV natively, everything else through
/// ffmpeg, then band-limited resampling to 16 kHz, either mixed to mono or with channels kept apart
/// (when each channel is a speaker). Errors name the file and the problem (<see cref="AudioFormatException"/>).
/// </summary>
public sealed class AudioFileReader(IAudioDecoder decoder)
{
    /// <summary>The native WAV decoder first, ffmpeg for everything it declines.</summary>
    public static AudioFileReader Default { get; } = new(new ChainedAudioDecoder([new WavDecoder(), new FfmpegDecoder()]));

    /// <summary>The file as stored: its own sample rate and channels.</summary>
    public PcmAudio Read(string path, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"{path}: no such audio file", path);
        if (info.Length == 0) throw new AudioFormatException(path, "the file is empty (0 bytes)");
        return decoder.TryDecode(path, cancellationToken)
               ?? throw new AudioFormatException(path, "not an audio format any decoder recognises");
    }

    /// <summary>16 kHz mono samples in [-1, 1]: what the featurizers and the transcriber take.</summary>
    public float[] Read16kMono(string path, CancellationToken cancellationToken = default) => Read(path, cancellationToken).ToSpeechMono().Channels[0];

    /// <summary>16 kHz audio with every channel kept apart (a stereo call recording: one speaker per channel).</summary>
    public PcmAudio ReadChannels16k(string path, CancellationToken cancellationToken = default) => Read(path, cancellationToken).ToSpeechChannels();
}
