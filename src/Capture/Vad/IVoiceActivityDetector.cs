namespace EmoStream.Capture.Vad;

/// <summary>
/// Speech probability for consecutive fixed-size chunks of one 16 kHz stream. Stateful: one instance per
/// speaker stream, chunks fed in order. Not thread-safe.
/// </summary>
public interface IVoiceActivityDetector : IDisposable
{
    /// <summary>Samples per chunk the detector takes.</summary>
    int ChunkSamples { get; }

    /// <summary>Probability in [0, 1] that the chunk holds speech.</summary>
    float SpeechProbability(ReadOnlySpan<float> chunk);
}
