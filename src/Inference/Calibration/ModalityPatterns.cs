namespace EmoStream.Inference.Calibration;

public static class ModalityPatterns
{
    /// <summary>The pattern of an utterance with these modalities present; null when it has neither.</summary>
    public static ModalityPattern? Of(bool acoustic, bool lexical) => (acoustic, lexical) switch
    {
        (true, true) => ModalityPattern.AudioAndText,
        (true, false) => ModalityPattern.Audio,
        (false, true) => ModalityPattern.Text,
        _ => null,
    };

    /// <summary>The name users see: audio, text or audio+text.</summary>
    public static string Name(ModalityPattern pattern) => pattern switch
    {
        ModalityPattern.Audio => "audio",
        ModalityPattern.Text => "text",
        _ => "audio+text",
    };
}
