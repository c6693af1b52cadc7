namespace EmoStream.Capture.Vad;

/// <summary>Creates a detector with fresh state for each new speaker stream; shares the heavy parts (a model) between them.</summary>
public interface IVoiceActivityDetectorFactory : IDisposable
{
    /// <summary>Stable name for logs and benchmark figures, such as <c>silero-v6.2</c>.</summary>
    string Name { get; }

    IVoiceActivityDetector Create();
}
