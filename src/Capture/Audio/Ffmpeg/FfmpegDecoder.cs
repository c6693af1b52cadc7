using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using EmoStream.Capture.Processes;

namespace EmoStream.Capture.Audio.Ffmpeg;

/// <summary>
/// Decodes any format Debian's ffmpeg reads (mp3, m4a/aac, ogg/vorbis, opus, flac, wma, video soundtracks, ...).
/// ffprobe reports the first audio stream's rate and channel count, then ffmpeg writes that stream as
/// interleaved float32 to stdout at its own rate: resampling stays with our resampler, so every format gets
/// the same filter. The last resort in the chain: it never declines, it explains.
/// </summary>
public sealed partial class FfmpegDecoder : IAudioDecoder
{
    internal const string InstallHint = "the Debian package ffmpeg (apt-get install ffmpeg)";

    public PcmAudio? TryDecode(string path, CancellationToken cancellationToken = default)
    {
        // "file:" keeps ffmpeg from reading a name with a colon as a protocol or one starting with '-' as an option.
        var input = "file:" + Path.GetFullPath(path);
        var (sampleRate, channelCount) = Probe(path, input, cancellationToken);

        using var ffmpeg = ToolProcess.Start("ffmpeg",
            ["-nostdin", "-hide_banner", "-loglevel", "error", "-xerror", "-i", input,
             "-map", "0:a:0", "-vn", "-f", "f32le", "-c:a", "pcm_f32le", "-"], InstallHint);
        using var pcm = new MemoryStream();
        ffmpeg.Output.CopyToAsync(pcm, cancellationToken).GetAwaiter().GetResult();
        var (exitCode, diagnostics) = ffmpeg.WaitAsync(cancellationToken).GetAwaiter().GetResult();
        if (exitCode != 0)
            throw new AudioFormatException(path, $"corrupt or unreadable audio (ffmpeg exit code {exitCode}): {Describe(diagnostics, input)}");

        var frameBytes = 4 * channelCount;
        var frames = (int)(pcm.Length / frameBytes);
        if (frames == 0) throw new AudioFormatException(path, "the file contains no audio samples");
        var bytes = pcm.GetBuffer().AsSpan(0, frames * frameBytes);
        var channels = new float[channelCount][];
        for (var c = 0; c < channelCount; c++) channels[c] = new float[frames];
        for (var f = 0; f < frames; f++)
            for (var c = 0; c < channelCount; c++)
                channels[c][f] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(f * frameBytes + 4 * c));
        return new PcmAudio(sampleRate, channels);
    }

    internal static (int SampleRate, int Channels) Probe(string path, string input, CancellationToken cancellationToken)
    {
        using var ffprobe = ToolProcess.Start("ffprobe",
            ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=sample_rate,channels",
             "-of", "default=noprint_wrappers=1", input], InstallHint);
        var text = new StreamReader(ffprobe.Output).ReadToEndAsync(cancellationToken).GetAwaiter().GetResult();
        var (exitCode, diagnostics) = ffprobe.WaitAsync(cancellationToken).GetAwaiter().GetResult();
        if (exitCode != 0)
            throw new AudioFormatException(path, $"not a readable audio file: {Describe(diagnostics, input)}");

        var fields = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1]);
        if (fields.Count == 0) throw new AudioFormatException(path, "the file has no audio stream");
        if (!int.TryParse(fields.GetValueOrDefault("sample_rate"), NumberStyles.None, CultureInfo.InvariantCulture, out var rate) || rate <= 0)
            throw new AudioFormatException(path, $"corrupt or not audio: its audio stream has no usable sample rate (ffprobe reads '{fields.GetValueOrDefault("sample_rate")}')");
        if (!int.TryParse(fields.GetValueOrDefault("channels"), NumberStyles.None, CultureInfo.InvariantCulture, out var channels) || channels <= 0)
            throw new AudioFormatException(path, $"corrupt or not audio: its audio stream has no usable channel count (ffprobe reads '{fields.GetValueOrDefault("channels")}')");
        return (rate, channels);
    }

    /// <summary>
    /// ffmpeg's messages start with the input URL or a "[codec @ 0x55...]" tag; both are dropped, since the
    /// exception names the file already and the pointer means nothing to a user.
    /// </summary>
    internal static string Describe(string diagnostics, string input) =>
        diagnostics.Length == 0
            ? "no message from ffmpeg"
            : ComponentTag().Replace(diagnostics.Replace(input + ": ", "", StringComparison.Ordinal), "");

    [GeneratedRegex(@"\[[\w:.-]+ @ 0x[0-9a-f]+\] ")]
    private static partial Regex ComponentTag();
}
