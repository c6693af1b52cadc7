using EmoStream.Capture.Audio;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using EmoStream.Capture.Processes;
using EmoStream.Capture.Streams;

namespace EmoStream.Capture.Sources;

/// <summary>
/// The host's microphone on Linux, recorded by <c>arecord</c> (Debian's alsa-utils) as a child process
/// writing 16 kHz 16-bit PCM to stdout.
/// Why arecord: it is ALSA's own maintained recorder, present wherever ALSA is; through ALSA's "default"
/// device it records from PulseAudio or PipeWire when they run, and ALSA's plug layer converts the
/// hardware's rate and format to 16 kHz for us. A child process keeps driver trouble out of the server's
/// process and needs no native binding to maintain (PortAudio via P/Invoke would, and NuGet has no
/// PortAudio wrapper that works here); ffmpeg's alsa/pulse inputs would work too but add nothing.
/// When the device vanishes (unplugged, suspended, taken away) arecord exits; the stream then ends with
/// arecord's own message as the reason.
/// </summary>
public sealed class MicrophoneSource(MicrophoneOptions options) : IAudioSource
{
    private const int BlockFrames = 512; // 32 ms: small enough for live latency, large enough for few reads

    public string Name => $"microphone '{options.Device}'";

    public async IAsyncEnumerable<AudioFrame> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (options.Channels is < 1 or > 32)
            throw new CaptureConfigurationException($"{MicrophoneOptions.SectionName}:Channels is {options.Channels}; expected 1 to 32");
        var speakers = SpeakerNames.ForChannels(options.EffectiveSpeakerNames, options.Channels);

        using var arecord = ToolProcess.Start("arecord",
            ["-q", "-D", options.Device, "-t", "raw", "-f", "S16_LE", "-r", SpeechAudio.SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", options.Channels.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            "the Debian package alsa-utils");
        var frameBytes = 2 * options.Channels;
        var buffer = new byte[BlockFrames * frameBytes];
        while (true)
        {
            var got = await arecord.Output.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            var frames = got / frameBytes;
            for (var c = 0; c < speakers.Length; c++)
            {
                if (frames == 0) break;
                var samples = new float[frames];
                for (var f = 0; f < frames; f++)
                    samples[f] = BinaryPrimitives.ReadInt16LittleEndian(buffer.AsSpan(f * frameBytes + 2 * c)) / 32768f;
                yield return new AudioFrame(speakers[c], samples);
            }
            if (got < buffer.Length) break; // end of output: arecord is exiting
        }

        var (exitCode, diagnostics) = await arecord.WaitAsync(cancellationToken).ConfigureAwait(false);
        throw new AudioStreamException(Name, diagnostics.Length > 0
            ? $"the capture device stopped: {diagnostics}"
            : $"the capture device stopped: arecord exited with code {exitCode}");
    }
}
