namespace EmoStream.Capture.Audio.Wav;

/// <summary>How one sample is stored in a WAV data chunk.</summary>
internal enum WavSampleFormat
{
    UnsignedInt8,
    SignedInt16,
    SignedInt24,
    SignedInt32,
    Float32,
    Float64,
}
