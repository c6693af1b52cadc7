namespace EmoStream.Transcribe.Whisper.Models;

/// <summary>The ggml tensor types a whisper.cpp model file may hold (values of <c>enum ggml_type</c>).</summary>
public enum GgmlType
{
    F32 = 0,
    F16 = 1,
    Q4_0 = 2,
    Q4_1 = 3,
    Q5_0 = 6,
    Q5_1 = 7,
    Q8_0 = 8,
}
