using System.Buffers.Binary;

namespace EmoStream.Capture.Audio.Wav;

/// <summary>The parts of a WAV 'fmt ' chunk that decoding needs.</summary>
internal sealed record WavFormat(WavSampleFormat SampleFormat, int Channels, int SampleRate, int BlockAlign)
{
    private const ushort TagPcm = 0x0001;
    private const ushort TagIeeeFloat = 0x0003;
    private const ushort TagExtensible = 0xFFFE;

    /// <summary>The tail every KSDATAFORMAT_SUBTYPE_* GUID shares after its two-byte format tag.</summary>
    private static ReadOnlySpan<byte> SubFormatGuidTail =>
        [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    public int BytesPerSample => BlockAlign / Channels;

    /// <summary>
    /// Parses a 'fmt ' chunk. Returns null for encodings this decoder leaves to ffmpeg (ADPCM, mu-law, MP3 in
    /// WAV, ...); throws <see cref="AudioFormatException"/> for a chunk that contradicts itself.
    /// </summary>
    public static WavFormat? Parse(string file, ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length < 16)
            throw new AudioFormatException(file, $"WAV 'fmt ' chunk is {chunk.Length} bytes, expected at least 16");
        var tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(chunk[2..]);
        var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(chunk[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(chunk[14..]);

        if (tag == TagExtensible)
        {
            if (chunk.Length < 40)
                throw new AudioFormatException(file,
                    $"WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is {chunk.Length} bytes, expected 40");
            if (!chunk.Slice(26, 14).SequenceEqual(SubFormatGuidTail)) return null;
            tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk[24..]);
        }
        if (tag is not (TagPcm or TagIeeeFloat)) return null;

        if (channels == 0) throw new AudioFormatException(file, "WAV header declares 0 channels");
        if (sampleRate is < 1_000 or > 768_000)
            throw new AudioFormatException(file, $"WAV header declares a sample rate of {sampleRate} Hz, expected 1000 to 768000");
        if (bits % 8 != 0 || bits == 0)
            throw new AudioFormatException(file, $"WAV header declares {bits} bits per sample, expected a whole number of bytes");
        if (blockAlign != channels * (bits / 8))
            throw new AudioFormatException(file,
                $"WAV header declares a block of {blockAlign} bytes, expected {channels} channels x {bits / 8} bytes = {channels * (bits / 8)}");

        WavSampleFormat? format = (tag, bits) switch
        {
            (TagPcm, 8) => WavSampleFormat.UnsignedInt8,
            (TagPcm, 16) => WavSampleFormat.SignedInt16,
            (TagPcm, 24) => WavSampleFormat.SignedInt24,
            (TagPcm, 32) => WavSampleFormat.SignedInt32,
            (TagIeeeFloat, 32) => WavSampleFormat.Float32,
            (TagIeeeFloat, 64) => WavSampleFormat.Float64,
            _ => null,
        };
        if (format is null)
            throw new AudioFormatException(file,
                $"WAV {(tag == TagPcm ? "integer PCM" : "float")} with {bits} bits per sample is not a valid combination");
        return new WavFormat(format.Value, channels, (int)sampleRate, blockAlign);
    }

    /// <summary>Converts whole sample frames to per-channel floats in [-1, 1], writing from frame <paramref name="frameOffset"/>.</summary>
    public void Deinterleave(ReadOnlySpan<byte> data, float[][] channels, int frameOffset)
    {
        var size = BytesPerSample;
        var frames = data.Length / BlockAlign;
        for (var f = 0; f < frames; f++)
        {
            var frame = data.Slice(f * BlockAlign, BlockAlign);
            for (var c = 0; c < Channels; c++)
                channels[c][frameOffset + f] = ReadSample(frame.Slice(c * size, size));
        }
    }

    private float ReadSample(ReadOnlySpan<byte> s) => SampleFormat switch
    {
        WavSampleFormat.UnsignedInt8 => (s[0] - 128) / 128f,
        WavSampleFormat.SignedInt16 => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768f,
        // Sign-extend the 24-bit value by placing it in the top of an int.
        WavSampleFormat.SignedInt24 => ((s[0] << 8) | (s[1] << 16) | (s[2] << 24)) / 2147483648f,
        WavSampleFormat.SignedInt32 => BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648f,
        WavSampleFormat.Float32 => BinaryPrimitives.ReadSingleLittleEndian(s),
        WavSampleFormat.Float64 => (float)BinaryPrimitives.ReadDoubleLittleEndian(s),
        _ => throw new InvalidOperationException($"unhandled sample format {SampleFormat}"),
    };
}
