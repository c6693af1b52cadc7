namespace EmoStream.Capture.Sources;

public enum ReplayPacing
{
    /// <summary>Each frame is released when it would have finished arriving live: a replay of N seconds takes N seconds.</summary>
    RealTime,

    /// <summary>As fast as the consumer takes frames: batch processing and tests.</summary>
    AsFastAsPossible,
}
