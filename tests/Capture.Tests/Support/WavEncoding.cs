namespace EmoStream.Capture.Tests.Support;

public enum WavEncoding
{
    Int8,
    Int16,
    Int24,
    Int32,
    Float32,
    Float64,
}
