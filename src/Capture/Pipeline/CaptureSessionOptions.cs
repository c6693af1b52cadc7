namespace EmoStream.Capture.Pipeline;

/// <summary>Bounds of the channels between a session's stages (a slow stage makes the one before it wait); <c>Capture:Session</c>.</summary>
public sealed class CaptureSessionOptions
{
    public const string SectionName = "Capture:Session";

    /// <summary>Frames (tens of milliseconds each) waiting between the source and voice activity detection.</summary>
    public int FrameQueue { get; set; } = 64;

    /// <summary>Utterances waiting for the consumer (transcription).</summary>
    public int UtteranceQueue { get; set; } = 16;
}
