using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmoStream.Inference.Model;

/// <summary>
/// A trained model on disk: magic <c>EMSM</c>, format version, the SHA-256 of everything after it, then the metadata
/// as JSON and TorchSharp's parameter and buffer stream. Loading rebuilds the architecture from the metadata, so the
/// file alone is enough, and checks the checksum first: a file changed by a single byte is refused, naming it.
/// Version 1 files (no checksum) are refused too.
/// </summary>
public static class ModelFile
{
    public const ushort FormatVersion = 2;

    private const int ChecksumBytes = 32;
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
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(JsonSerializer.Serialize(metadata, Json));
            model.save(w);
        }
        var tmp = path + ".tmp";
        using (var w = new BinaryWriter(File.Create(tmp), Encoding.UTF8))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(SHA256.HashData(payload.GetBuffer().AsSpan(0, (int)payload.Length)));
            w.Write(payload.GetBuffer(), 0, (int)payload.Length);
        }
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>
    /// What names one version of a model file, as each session records it: the file's name, its creation time and the
    /// first 8 hex digits of its SHA-256 (a recalibrated copy keeps its creation time but not its checksum).
    /// </summary>
    public static string Id(string path, ModelMetadata metadata) =>
        $"{Path.GetFileName(path)}@{metadata.Training.CreatedUtc.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}#{StoredChecksum(path)[..8]}";

    /// <summary>The SHA-256 stored in the file's header, in lower-case hex; <see cref="Load"/> and <see cref="ReadMetadata"/> check the contents against it.</summary>
    public static string StoredChecksum(string path)
    {
        using var file = File.OpenRead(path);
        var header = new byte[Magic.Length + sizeof(ushort) + ChecksumBytes];
        if (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length || !header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new ModelMismatchException($"{path}: not an EmoStream model file");
        return Convert.ToHexStringLower(header.AsSpan(Magic.Length + sizeof(ushort)));
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

    /// <summary>The file's payload (metadata and weights) once its magic, version and checksum are checked.</summary>
    private static BinaryReader Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"model file '{path}' does not exist", path);
        var bytes = File.ReadAllBytes(path);
        var header = Magic.Length + sizeof(ushort);
        if (bytes.Length < header || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new ModelMismatchException($"{path}: not an EmoStream model file");
        var version = BitConverter.ToUInt16(bytes, Magic.Length);
        if (version != FormatVersion)
            throw new ModelMismatchException($"{path}: model format version {version}, this EmoStream reads version {FormatVersion}" +
                                             (version < FormatVersion ? " (files with a checksum); train or calibrate it again with this version" : ""));
        if (bytes.Length < header + ChecksumBytes) throw new ModelMismatchException($"{path}: truncated model file ({bytes.Length} bytes)");
        var stored = bytes.AsSpan(header, ChecksumBytes);
        var payload = bytes.AsMemory(header + ChecksumBytes);
        if (!SHA256.HashData(payload.Span).AsSpan().SequenceEqual(stored))
            throw new ModelMismatchException($"{path}: the file is corrupt: its contents do not match the checksum stored in it (SHA-256)");
        return new BinaryReader(new MemoryStream(bytes, header + ChecksumBytes, payload.Length, writable: false), Encoding.UTF8);
    }

    private static ModelMetadata ReadHeader(string path, BinaryReader r)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelMetadata>(r.ReadString(), Json)
                   ?? throw new ModelMismatchException($"{path}: empty metadata");
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException)
        {
            throw new ModelMismatchException($"{path}: truncated or corrupt model header ({e.Message})");
        }
    }
}
