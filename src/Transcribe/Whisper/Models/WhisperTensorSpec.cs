namespace EmoStream.Transcribe.Whisper.Models;

/// <summary>One weight tensor as whisper.cpp's loader expects it: name, ggml shape (ne[0] first) and type.</summary>
public sealed record WhisperTensorSpec(string Name, int[] Shape, GgmlType Type)
{
    public long Elements => Shape.Aggregate(1L, (n, d) => n * d);

    public long ByteCount => GgmlTypes.ByteCount(Type, Elements);
}
