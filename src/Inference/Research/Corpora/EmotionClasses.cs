namespace EmoStream.Inference.Corpora;

/// <summary>The paper's four emotion classes (happy includes excited), in the model's output order.</summary>
public static class EmotionClasses
{
    public const string Happy = "happy";
    public const string Neutral = "neutral";
    public const string Angry = "angry";
    public const string Sad = "sad";

    public static IReadOnlyList<string> All { get; } = [Happy, Neutral, Angry, Sad];

    public static bool IsKnown(string label) => All.Contains(label);
}
