using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmoStream.Inference.Model;

/// <summary>
/// A trained model on disk: magic <c>EMSM</c>, format version, the metadata as JSON, then TorchSharp's parameter and
/// buffer stream. Loading rebuilds the architecture from the metadata, so the file alone is enough.
/// </summary>
public static class ModelFile
{
    public const ushort FormatVersion = 1;
    private static readonly byte[] Magic = "EMSM"u8.ToArray();

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Save(string path, ContextualDann model, ModelMetadata metadata)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var tmp = path + ".tmp";
        using (var w = new BinaryWriter(File.Create(tmp), Encoding.UTF8))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(JsonSerializer.Serialize(metadata, Json));
            model.save(w);
        }
        File.Move(tmp, path, overwrite: true);
    }

    public static ModelMetadata ReadMetadata(string path)
    {
        using var r = Open(path);
        return ReadHeader(path, r);
    }

    public static (ContextualDann Model, ModelMetadata Metadata) Load(string path)
    {
        using var r = Open(path);
        var metadata = ReadHeader(path, r);
        var model = new ContextualDann(metadata.Architecture);
        try
        {
            model.load(r, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or EndOfStreamException or IOException or InvalidOperationException)
        {
            model.Dispose();
            throw new ModelMismatchException($"{path}: the weights do not match the model described in its metadata ({e.Message})");
        }
        model.eval();
        return (model, metadata);
    }

    private static BinaryReader Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"model file '{path}' does not exist", path);
        return new BinaryReader(File.OpenRead(path), Encoding.UTF8);
    }

    private static ModelMetadata ReadHeader(string path, BinaryReader r)
    {
        try
        {
            if (!r.ReadBytes(4).AsSpan().SequenceEqual(Magic))
                throw new ModelMismatchException($"{path}: not an EmoStream model file");
            var version = r.ReadUInt16();
            if (version != FormatVersion)
                throw new ModelMismatchException($"{path}: model format version {version}, this EmoStream reads version {FormatVersion}");
            return JsonSerializer.Deserialize<ModelMetadata>(r.ReadString(), Json)
                   ?? throw new ModelMismatchException($"{path}: empty metadata");
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException)
        {
            throw new ModelMismatchException($"{path}: truncated or corrupt model header ({e.Message})");
        }
    }
}
