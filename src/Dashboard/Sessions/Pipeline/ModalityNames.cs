namespace EmoStream.Sessions.Pipeline;

/// <summary>The keys of a result's modality weights, as users name the modalities (<c>--modalities audio,text</c>).</summary>
public static class ModalityNames
{
    public const string Audio = "audio";
    public const string Text = "text";
}
