using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using EmoStream.Capture.Processes;

namespace EmoStream.Capture.Audio.Ffmpeg;

/// <summary>
/// Decodes a recording as a stream of blocks (any format ffmpeg reads, WAV included) at its own rate and channel
/// count, so that memory stays bounded whatever the recording's length, and refuses one longer than a limit as soon
/// as the limit is passed. Errors name the file by <c>name</c> (what the user knows it as), never by its path.
/// </summary>
public static class FfmpegStream
{
    /// <summary>Blocks of at most <paramref name="blockFrames"/> frames, each channel apart, at the file's own rate.</summary>
    /// <exception cref="AudioFormatException">Not audio, corrupt or empty.</exception>
    /// <exception cref="RecordingTooLongException">Longer than <paramref name="maxDuration"/>.</exception>
    public static async IAsyncEnumerable<PcmAudio> ReadAsync(string path, string name, TimeSpan maxDuration, int blockFrames = 4096,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var input = "file:" + Path.GetFullPath(path);
        (int SampleRate, int Channels) format;
        try
        {
            format = FfmpegDecoder.Probe(name, input, cancellationToken);
        }
        catch (AudioFormatException e)
        {
            throw new AudioFormatException(name, e.Problem.Replace(path, name, StringComparison.Ordinal));
        }
        var (rate, channelCount) = format;
        var maxFrames = (long)(maxDuration.TotalSeconds * rate);
        using var ffmpeg = ToolProcess.Start("ffmpeg",
            ["-nostdin", "-hide_banner", "-loglevel", "error", "-xerror", "-i", input,
             "-map", "0:a:0", "-vn", "-f", "f32le", "-c:a", "pcm_f32le", "-"], FfmpegDecoder.InstallHint);
        var frameBytes = 4 * channelCount;
        var buffer = new byte[blockFrames * frameBytes];
        long frames = 0;
        while (true)
        {
            var filled = 0;
            while (filled < buffer.Length)
            {
                var read = await ffmpeg.Output.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                filled += read;
            }
            var count = filled / frameBytes;
            if (count > 0)
            {
                frames += count;
                if (frames > maxFrames)
                    throw new RecordingTooLongException(name, maxDuration);
                var channels = new float[channelCount][];
                for (var c = 0; c < channelCount; c++) channels[c] = new float[count];
                for (var f = 0; f < count; f++)
                    for (var c = 0; c < channelCount; c++)
                        channels[c][f] = BinaryPrimitives.ReadSingleLittleEndian(buffer.AsSpan(f * frameBytes + 4 * c));
                yield return new PcmAudio(rate, channels);
            }
            if (filled < buffer.Length) break;
        }
        var (exitCode, diagnostics) = await ffmpeg.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
            throw new AudioFormatException(name, $"corrupt or unreadable audio (ffmpeg exit code {exitCode}): {FfmpegDecoder.Describe(diagnostics, input).Replace(path, name, StringComparison.Ordinal)}");
        if (frames == 0) throw new AudioFormatException(name, "the file contains no audio samples");
    }

    /// <summary>Decodes the whole file without keeping it: its duration and channels, or the reason it is refused.</summary>
    /// <exception cref="AudioFormatException">Not audio, corrupt or empty.</exception>
    /// <exception cref="RecordingTooLongException">Longer than <paramref name="maxDuration"/>.</exception>
    public static async Task<RecordingShape> MeasureAsync(string path, string name, TimeSpan maxDuration, CancellationToken cancellationToken = default)
    {
        long frames = 0;
        var rate = 1;
        var channels = 0;
        await foreach (var block in ReadAsync(path, name, maxDuration, 1 << 16, cancellationToken).ConfigureAwait(false))
        {
            frames += block.FrameCount;
            rate = block.SampleRate;
            channels = block.ChannelCount;
        }
        return new RecordingShape(TimeSpan.FromSeconds((double)frames / rate), channels);
    }
}

/// <summary>How long a decoded recording lasts and how many channels it has.</summary>
public sealed record RecordingShape(TimeSpan Duration, int Channels);
