using System.Buffers.Binary;

namespace EmoStream.Transcribe.Tests.Speech;

/// <summary>Reads 16-bit PCM mono WAV files into [-1, 1] floats (test speech only; the product's decoder lives in src/Capture).</summary>
public static class WavFile
{
    public static (float[] Samples, int SampleRate) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || BinaryPrimitives.ReadUInt32BigEndian(bytes) != 0x52494646 || BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8)) != 0x57415645)
            throw new InvalidDataException($"{path}: not a RIFF/WAVE file");
        int sampleRate = 0, channels = 0, bits = 0;
        for (var offset = 12; offset + 8 <= bytes.Length;)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, offset, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            var body = bytes.AsSpan(offset + 8, Math.Min(size, bytes.Length - offset - 8));
            if (id == "fmt ")
            {
                var format = BinaryPrimitives.ReadUInt16LittleEndian(body);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
                if (format != 1 || bits != 16 || channels != 1)
                    throw new InvalidDataException($"{path}: format {format}, {bits} bits, {channels} channels; expected PCM (1), 16 bits, mono");
            }
            else if (id == "data")
            {
                if (sampleRate == 0) throw new InvalidDataException($"{path}: data chunk before fmt chunk");
                var samples = new float[body.Length / 2];
                for (var i = 0; i < samples.Length; i++)
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(body[(2 * i)..]) / 32768f;
                return (samples, sampleRate);
            }
            offset += 8 + size + (size & 1);
        }
        throw new InvalidDataException($"{path}: no data chunk");
    }
}
