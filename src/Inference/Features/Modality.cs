namespace EmoStream.Inference.Features;

/// <summary>The model's two input modalities; the order is the fusion order.</summary>
public enum Modality
{
    Acoustic = 0,
    Lexical = 1,
}
