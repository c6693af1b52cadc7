using System.Buffers.Binary;
using System.Text;

namespace EmoStream.Capture.Audio.Wav;

/// <summary>
/// Native RIFF/RF64 WAVE reader: integer PCM of 8, 16, 24 and 32 bits, IEEE float of 32 and 64 bits,
/// plain or WAVE_FORMAT_EXTENSIBLE, any number of channels. Other encodings inside a WAV container
/// (ADPCM, mu-law, ...) and non-WAV files are declined so that ffmpeg can take them.
/// </summary>
public sealed class WavDecoder : IAudioDecoder
{
    /// <summary>Written by streaming tools that cannot seek back to fix the size: the data runs to the end of the file.</summary>
    private const uint UnknownSize = 0xFFFFFFFF;

    private const int BlockFrames = 16_384;

    public PcmAudio? TryDecode(string path, CancellationToken cancellationToken = default)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> header = stackalloc byte[12];
        var got = stream.ReadAtLeast(header, 12, throwOnEndOfStream: false);
        var riff = Encoding.ASCII.GetString(header[..Math.Min(got, 4)]);
        if (riff is not ("RIFF" or "RF64")) return null;
        if (got < 12)
            throw new AudioFormatException(path, $"truncated: the WAV header needs 12 bytes, the file holds {got}");
        if (!header[8..12].SequenceEqual("WAVE"u8)) return null;

        var (format, dataOffset, dataSize) = FindChunks(path, stream, rf64: riff == "RF64");
        if (format is null) return null;

        var remaining = stream.Length - dataOffset;
        if (dataSize == UnknownSize) dataSize = remaining - remaining % format.BlockAlign;
        if (dataSize > remaining)
            throw new AudioFormatException(path,
                $"truncated: the 'data' chunk declares {dataSize} bytes but the file holds {remaining} after its header");
        if (dataSize % format.BlockAlign != 0)
            throw new AudioFormatException(path,
                $"truncated: the 'data' chunk ({dataSize} bytes) ends inside a sample frame of {format.BlockAlign} bytes");
        var frames = dataSize / format.BlockAlign;
        if (frames == 0) throw new AudioFormatException(path, "the WAV file contains no audio samples");
        if (frames > Array.MaxLength)
            throw new AudioFormatException(path, $"{frames} sample frames per channel is more than one array can hold");

        var channels = new float[format.Channels][];
        for (var c = 0; c < channels.Length; c++) channels[c] = new float[frames];
        stream.Position = dataOffset;
        var buffer = new byte[BlockFrames * format.BlockAlign];
        for (long done = 0; done < frames;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var take = (int)Math.Min(BlockFrames, frames - done);
            var bytes = buffer.AsSpan(0, take * format.BlockAlign);
            stream.ReadExactly(bytes);
            format.Deinterleave(bytes, channels, (int)done);
            done += take;
        }
        return new PcmAudio(format.SampleRate, channels);
    }

    /// <summary>Walks the chunk list for 'fmt ' and 'data' (in either order), skipping everything else.</summary>
    private static (WavFormat? Format, long DataOffset, long DataSize) FindChunks(string path, FileStream stream, bool rf64)
    {
        WavFormat? format = null;
        var fmtSeen = false;
        long dataOffset = -1, dataSize = 0, rf64DataSize = -1;
        Span<byte> chunkHeader = stackalloc byte[8];
        while (!(fmtSeen && dataOffset >= 0))
        {
            var got = stream.ReadAtLeast(chunkHeader, 8, throwOnEndOfStream: false);
            if (got < 8)
            {
                if (!fmtSeen) throw new AudioFormatException(path, "corrupt or truncated WAV: no 'fmt ' chunk before the end of the file");
                throw new AudioFormatException(path, "corrupt or truncated WAV: no 'data' chunk before the end of the file");
            }
            var id = Encoding.ASCII.GetString(chunkHeader[..4]);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            var start = stream.Position;
            switch (id)
            {
                case "ds64" when rf64:
                    var ds64 = ReadChunk(path, stream, size, id);
                    if (ds64.Length < 16) throw new AudioFormatException(path, $"RF64 'ds64' chunk is {ds64.Length} bytes, expected at least 16");
                    rf64DataSize = BinaryPrimitives.ReadInt64LittleEndian(ds64.AsSpan(8));
                    break;
                case "fmt ":
                    format = WavFormat.Parse(path, ReadChunk(path, stream, size, id));
                    fmtSeen = true;
                    break;
                case "data":
                    dataOffset = start;
                    dataSize = rf64 && size == UnknownSize && rf64DataSize >= 0 ? rf64DataSize : size;
                    // A data chunk whose size runs past the end cannot be skipped; it must be the last chunk.
                    if (dataSize == UnknownSize || start + dataSize >= stream.Length)
                    {
                        if (!fmtSeen) throw new AudioFormatException(path, "corrupt WAV: no 'fmt ' chunk before the 'data' chunk");
                        return (format, dataOffset, dataSize);
                    }
                    break;
            }
            if (!(fmtSeen && dataOffset >= 0)) stream.Position = start + size + (size & 1);
        }
        return (format, dataOffset, dataSize);
    }

    private static byte[] ReadChunk(string path, FileStream stream, long size, string id)
    {
        if (size > stream.Length - stream.Position)
            throw new AudioFormatException(path,
                $"truncated: the '{id}' chunk declares {size} bytes but the file holds {stream.Length - stream.Position}");
        var bytes = new byte[size];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
