using System.Buffers.Binary;
using System.Text;
using NAudio.Wave;

namespace EmoStream.Capture.Audio.Wav;

/// <summary>
/// RIFF/RF64 WAVE reading through NAudio (<see cref="WaveFileReader"/> for the chunks, its sample providers for
/// the samples): integer PCM of 8, 16, 24 and 32 bits, IEEE float of 32 and 64 bits, plain or WAVE_FORMAT_EXTENSIBLE,
/// any number of channels. Other encodings inside a WAV container (ADPCM, mu-law, ...) and non-WAV files are declined
/// so that ffmpeg can take them. NAudio reads a broken file as far as it goes; the checks here turn a broken header
/// or a short data chunk into an error that names the problem.
/// </summary>
public sealed class WavDecoder : IAudioDecoder
{
    /// <summary>Written by streaming tools that cannot seek back to fix the size: the data runs to the end of the file.</summary>
    private const long UnknownSize = 0xFFFFFFFF;

    private const int BlockFrames = 16_384;

    /// <summary>KSDATAFORMAT_SUBTYPE_PCM and _IEEE_FLOAT: the extensible sub-formats read here.</summary>
    private static readonly Guid SubtypePcm = new("00000001-0000-0010-8000-00aa00389b71");
    private static readonly Guid SubtypeFloat = new("00000003-0000-0010-8000-00aa00389b71");

    public PcmAudio? TryDecode(string path, CancellationToken cancellationToken = default)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> riff = stackalloc byte[12];
        var got = stream.ReadAtLeast(riff, 12, throwOnEndOfStream: false);
        var tag = Encoding.ASCII.GetString(riff[..Math.Min(got, 4)]);
        if (tag is not ("RIFF" or "RF64")) return null;
        if (got < 12)
            throw new AudioFormatException(path, $"truncated: the WAV header needs 12 bytes, the file holds {got}");
        if (!riff[8..12].SequenceEqual("WAVE"u8)) return null;

        stream.Position = 0;
        WaveFileReader reader;
        try
        {
            reader = new WaveFileReader(stream);
        }
        catch (EndOfStreamException)
        {
            throw new AudioFormatException(path, "truncated: the file ends inside the WAV header, before its 'fmt ' and 'data' chunks are complete");
        }
        catch (FormatException e)
        {
            throw new AudioFormatException(path, $"corrupt WAV: {e.Message}");
        }
        using var _ = reader;
        var format = reader.WaveFormat;
        if (!IsPcmOrFloat(format)) return null;
        Check(path, format);

        // The reader leaves the file at the start of the data chunk, and cuts the chunk's size to what the file holds:
        // the size the chunk declares (RF64: in its 'ds64' chunk) tells a truncated file.
        var dataOffset = stream.Position;
        var dataSize = reader.Length;
        if (tag == "RIFF")
        {
            Span<byte> size = stackalloc byte[4];
            stream.Position = dataOffset - 4;
            stream.ReadExactly(size);
            dataSize = BinaryPrimitives.ReadUInt32LittleEndian(size);
            stream.Position = dataOffset;
        }
        var remaining = stream.Length - dataOffset;
        if (dataSize == UnknownSize) dataSize = remaining - remaining % format.BlockAlign;
        if (dataSize > remaining)
            throw new AudioFormatException(path,
                $"truncated: the 'data' chunk declares {dataSize} bytes but the file holds {remaining} after its header");
        // RF64 writers (ffmpeg) count the pad byte of an odd-sized data chunk in its size.
        if (dataSize % format.BlockAlign == 1 && dataSize % 2 == 0) dataSize--;
        if (dataSize % format.BlockAlign != 0)
            throw new AudioFormatException(path,
                $"truncated: the 'data' chunk ({dataSize} bytes) ends inside a sample frame of {format.BlockAlign} bytes");
        var frames = dataSize / format.BlockAlign;
        if (frames == 0) throw new AudioFormatException(path, "the WAV file contains no audio samples");
        if (frames > Array.MaxLength)
            throw new AudioFormatException(path, $"{frames} sample frames per channel is more than one array can hold");

        var samples = reader.ToSampleProvider();
        var channels = new float[format.Channels][];
        for (var c = 0; c < channels.Length; c++) channels[c] = new float[frames];
        var buffer = new float[BlockFrames * format.Channels];
        for (long done = 0; done < frames;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = samples.Read(buffer.AsSpan(0, (int)Math.Min(BlockFrames, frames - done) * format.Channels)) / format.Channels;
            if (read == 0) throw new AudioFormatException(path, $"truncated: the samples end after {done} of {frames} frames");
            for (var f = 0; f < read; f++)
                for (var c = 0; c < channels.Length; c++)
                    channels[c][done + f] = buffer[f * channels.Length + c];
            done += read;
        }
        return new PcmAudio(format.SampleRate, channels);
    }

    private static bool IsPcmOrFloat(WaveFormat format) => SampleKind(format) is WaveFormatEncoding.Pcm or WaveFormatEncoding.IeeeFloat;

    /// <summary>The encoding, or for WAVE_FORMAT_EXTENSIBLE the one its sub-format names (NAudio keeps that in the extra bytes).</summary>
    private static WaveFormatEncoding? SampleKind(WaveFormat format)
    {
        if (format.Encoding != WaveFormatEncoding.Extensible) return format.Encoding;
        // cbSize's 22 bytes: valid bits (2), channel mask (4), sub-format GUID (16).
        if (format is not WaveFormatExtraData { ExtraData.Length: >= 22 } extra) return null;
        var subFormat = new Guid(extra.ExtraData.AsSpan(6, 16));
        return subFormat == SubtypePcm ? WaveFormatEncoding.Pcm : subFormat == SubtypeFloat ? WaveFormatEncoding.IeeeFloat : null;
    }

    /// <summary>A header that contradicts itself is an error naming the field, never a division by zero deeper down.</summary>
    private static void Check(string path, WaveFormat format)
    {
        var channels = format.Channels;
        var bits = format.BitsPerSample;
        var isFloat = SampleKind(format) == WaveFormatEncoding.IeeeFloat;
        if (channels == 0) throw new AudioFormatException(path, "WAV header declares 0 channels");
        if (format.SampleRate is < 1_000 or > 768_000)
            throw new AudioFormatException(path, $"WAV header declares a sample rate of {format.SampleRate} Hz, expected 1000 to 768000");
        if (bits % 8 != 0 || bits == 0)
            throw new AudioFormatException(path, $"WAV header declares {bits} bits per sample, expected a whole number of bytes");
        if (format.BlockAlign != channels * (bits / 8))
            throw new AudioFormatException(path,
                $"WAV header declares a block of {format.BlockAlign} bytes, expected {channels} channels x {bits / 8} bytes = {channels * (bits / 8)}");
        if (isFloat ? bits is not (32 or 64) : bits is not (8 or 16 or 24 or 32))
            throw new AudioFormatException(path, $"WAV {(isFloat ? "float" : "integer PCM")} with {bits} bits per sample is not a valid combination");
    }
}
