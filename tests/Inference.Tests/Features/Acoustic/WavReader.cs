using System.Text;

namespace EmoStream.Inference.Tests.Features.Acoustic;

/// <summary>Reads the shared corpora's 16-bit PCM mono WAV files (the product's own decoder lives in src/Capture).</summary>
internal static class WavReader
{
    public static (float[] Samples, int SampleRate) Read(string path)
    {
        using var r = new BinaryReader(File.OpenRead(path));
        if (Encoding.ASCII.GetString(r.ReadBytes(4)) != "RIFF") throw new InvalidDataException($"{path}: not a RIFF file");
        r.ReadInt32();
        if (Encoding.ASCII.GetString(r.ReadBytes(4)) != "WAVE") throw new InvalidDataException($"{path}: not a WAVE file");
        int rate = 0, channels = 0, bits = 0;
        while (r.BaseStream.Position + 8 <= r.BaseStream.Length)
        {
            var id = Encoding.ASCII.GetString(r.ReadBytes(4));
            var size = r.ReadInt32();
            if (id == "fmt ")
            {
                var format = r.ReadInt16();
                channels = r.ReadInt16();
                rate = r.ReadInt32();
                r.ReadInt32();
                r.ReadInt16();
                bits = r.ReadInt16();
                if (format != 1 || bits != 16 || channels != 1)
                    throw new InvalidDataException($"{path}: expected 16-bit PCM mono, got format {format}, {bits} bits, {channels} channels");
                r.BaseStream.Seek(size - 16, SeekOrigin.Current);
            }
            else if (id == "data")
            {
                if (bits == 0) throw new InvalidDataException($"{path}: data chunk before fmt chunk");
                var count = Math.Min(size, (int)(r.BaseStream.Length - r.BaseStream.Position)) / 2;
                var samples = new float[count];
                for (var i = 0; i < count; i++) samples[i] = r.ReadInt16() / 32768f;
                return (samples, rate);
            }
            else r.BaseStream.Seek(size + (size & 1), SeekOrigin.Current);
        }
        throw new InvalidDataException($"{path}: no data chunk");
    }
}
