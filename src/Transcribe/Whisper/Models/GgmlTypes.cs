namespace EmoStream.Transcribe.Whisper.Models;

/// <summary>Storage sizes of ggml types and the file type (<c>ftype</c>) to weight type mapping whisper.cpp's loader uses.</summary>
public static class GgmlTypes
{
    /// <summary>ggml stores a quantization version in the thousands of ftype.</summary>
    public const int QuantizationVersionFactor = 1000;

    /// <summary>Bytes taken by <paramref name="elements"/> values of <paramref name="type"/> (whole blocks).</summary>
    public static long ByteCount(GgmlType type, long elements)
    {
        var (blockBytes, blockSize) = type switch
        {
            GgmlType.F32 => (4, 1),
            GgmlType.F16 => (2, 1),
            GgmlType.Q4_0 => (18, 32),
            GgmlType.Q4_1 => (20, 32),
            GgmlType.Q5_0 => (22, 32),
            GgmlType.Q5_1 => (24, 32),
            GgmlType.Q8_0 => (34, 32),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a ggml type whisper models use"),
        };
        return elements / blockSize * blockBytes;
    }

    /// <summary>The type of the big weight matrices for a file type (<c>ggml_ftype_to_ggml_type</c>), or null for an unknown one.</summary>
    public static GgmlType? WeightType(int ftype) => (ftype % QuantizationVersionFactor) switch
    {
        0 => GgmlType.F32,
        1 => GgmlType.F16,
        2 => GgmlType.Q4_0,
        3 => GgmlType.Q4_1,
        7 => GgmlType.Q8_0,
        8 => GgmlType.Q5_0,
        9 => GgmlType.Q5_1,
        _ => null,
    };

    public static bool IsKnown(int type) => Enum.IsDefined((GgmlType)type);
}
