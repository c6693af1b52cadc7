namespace EmoStream.Capture.Vad;

public enum VadEngine
{
    /// <summary>Silero VAD v6.2, a small neural network through ONNX Runtime: robust to noise and music.</summary>
    Silero,

    /// <summary>Level above an adaptive noise floor: no model needed, fine in quiet rooms, fooled by loud noise.</summary>
    Energy,
}
