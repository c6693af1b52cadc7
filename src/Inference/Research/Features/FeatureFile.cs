using System.Text;
using EmoStream.Inference.Corpora;

namespace EmoStream.Inference.Features;

/// <summary>
/// The binary feature format of docs/corpus-format.md: a header naming the featurizer and its settings,
/// then one record per utterance id (present flag + float32 vector). Little-endian throughout.
/// </summary>
public static class FeatureFile
{
    public const string Extension = ".emsf";
    private static readonly byte[] Magic = "EMSF"u8.ToArray();
    private const ushort FormatVersion = 1;

    public static void Write(string path, FeatureSet set)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var tmp = path + ".tmp";
        using (var stream = new BufferedStream(File.Create(tmp), 1 << 16))
        using (var w = new BinaryWriter(stream, Encoding.UTF8))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(set.Info.Id);
            w.Write((byte)set.Info.Modality);
            w.Write(set.Info.Dimension);
            w.Write(set.Info.Settings);
            w.Write(set.Count);
            foreach (var (id, vector) in set.Entries)
            {
                w.Write(id);
                w.Write(vector is not null);
                if (vector is null) continue;
                foreach (var x in vector) w.Write(x);
            }
        }
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Reads only the header: which featurizer made the file.</summary>
    public static FeaturizerInfo ReadInfo(string path)
    {
        using var r = Open(path);
        return ReadHeader(path, r);
    }

    public static FeatureSet Read(string path)
    {
        using var r = Open(path);
        var info = ReadHeader(path, r);
        int count;
        try
        {
            count = r.ReadInt32();
            if (count < 0) throw new CorpusFormatException(path, null, "count", $"negative record count {count}");
            var set = new FeatureSet(info);
            var buffer = new byte[info.Dimension * sizeof(float)];
            for (var i = 0; i < count; i++)
            {
                var id = r.ReadString();
                if (!r.ReadBoolean()) { set.Add(id, null); continue; }
                if (r.Read(buffer, 0, buffer.Length) != buffer.Length)
                    throw new CorpusFormatException(path, null, "vector", $"truncated: record {i + 1} of {count} ('{id}') is incomplete");
                var v = new float[info.Dimension];
                Buffer.BlockCopy(buffer, 0, v, 0, buffer.Length);
                set.Add(id, v);
            }
            return set;
        }
        catch (EndOfStreamException)
        {
            throw new CorpusFormatException(path, null, null, "truncated: the file ends before its last record");
        }
    }

    private static BinaryReader Open(string path)
    {
        if (!File.Exists(path)) throw new CorpusFormatException(path, null, null, "feature file does not exist");
        return new BinaryReader(new BufferedStream(File.OpenRead(path), 1 << 16), Encoding.UTF8);
    }

    private static FeaturizerInfo ReadHeader(string path, BinaryReader r)
    {
        try
        {
            var magic = r.ReadBytes(4);
            if (!magic.AsSpan().SequenceEqual(Magic))
                throw new CorpusFormatException(path, null, null, "not an EmoStream feature file (bad magic)");
            var version = r.ReadUInt16();
            if (version != FormatVersion)
                throw new CorpusFormatException(path, null, "version", $"expected format version {FormatVersion}, got {version}");
            var id = r.ReadString();
            var modality = r.ReadByte();
            if (!Enum.IsDefined(typeof(Modality), (int)modality))
                throw new CorpusFormatException(path, null, "modality", $"unknown modality {modality}");
            var dim = r.ReadInt32();
            if (dim <= 0) throw new CorpusFormatException(path, null, "dimension", $"expected a positive dimension, got {dim}");
            var settings = r.ReadString();
            return new FeaturizerInfo(id, (Modality)modality, dim, settings);
        }
        catch (EndOfStreamException)
        {
            throw new CorpusFormatException(path, null, null, "truncated: the file ends inside its header");
        }
    }
}
