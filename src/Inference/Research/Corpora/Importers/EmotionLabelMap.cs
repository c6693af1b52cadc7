namespace EmoStream.Inference.Corpora.Importers;

/// <summary>
/// A corpus's own emotion names mapped to the four classes (case-insensitive); emotions outside them map to null:
/// the utterance is kept, unlabeled. A name the map does not know is reported and also kept unlabeled.
/// </summary>
public sealed class EmotionLabelMap(IReadOnlyDictionary<string, string?> map)
{
    private readonly Dictionary<string, string?> _map = new(map, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, string?> Entries => _map;

    /// <summary>False when <paramref name="raw"/> is not one of this corpus's emotion names.</summary>
    public bool TryMap(string raw, out string? label) => _map.TryGetValue(raw.Trim(), out label);

    /// <summary>The class of <paramref name="raw"/>; null for an empty name, an emotion outside the four classes, or (reported) an unknown name.</summary>
    public string? Map(string raw, ImportLog log, string file, int? line)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        if (TryMap(raw, out var label)) return label;
        log.Add(file, line, $"unknown emotion '{raw}' (expected one of {string.Join(", ", _map.Keys)}): kept unlabeled");
        return null;
    }

    public static EmotionLabelMap Ravdess { get; } = new(new Dictionary<string, string?>
    {
        ["neutral"] = EmotionClasses.Neutral, ["calm"] = EmotionClasses.Neutral, ["happy"] = EmotionClasses.Happy,
        ["sad"] = EmotionClasses.Sad, ["angry"] = EmotionClasses.Angry, ["fearful"] = null, ["disgust"] = null, ["surprised"] = null,
    });

    public static EmotionLabelMap EmoDb { get; } = new(new Dictionary<string, string?>
    {
        ["neutral"] = EmotionClasses.Neutral, ["happiness"] = EmotionClasses.Happy, ["anger"] = EmotionClasses.Angry,
        ["sadness"] = EmotionClasses.Sad, ["boredom"] = null, ["disgust"] = null, ["fear"] = null, ["anxiety"] = null,
    });

    public static EmotionLabelMap Meld { get; } = new(new Dictionary<string, string?>
    {
        ["neutral"] = EmotionClasses.Neutral, ["joy"] = EmotionClasses.Happy, ["anger"] = EmotionClasses.Angry,
        ["sadness"] = EmotionClasses.Sad, ["surprise"] = null, ["fear"] = null, ["disgust"] = null,
    });

    public static EmotionLabelMap EmoryNlp { get; } = new(new Dictionary<string, string?>
    {
        ["neutral"] = EmotionClasses.Neutral, ["joyful"] = EmotionClasses.Happy, ["mad"] = EmotionClasses.Angry,
        ["sad"] = EmotionClasses.Sad, ["peaceful"] = null, ["powerful"] = null, ["scared"] = null,
    });

    /// <summary>IEMOCAP's EmoEvaluation codes; happy and excited are one class, as in the paper.</summary>
    public static EmotionLabelMap Iemocap { get; } = new(new Dictionary<string, string?>
    {
        ["neu"] = EmotionClasses.Neutral, ["hap"] = EmotionClasses.Happy, ["exc"] = EmotionClasses.Happy,
        ["ang"] = EmotionClasses.Angry, ["sad"] = EmotionClasses.Sad, ["fru"] = null, ["sur"] = null, ["fea"] = null,
        ["dis"] = null, ["oth"] = null, ["xxx"] = null,
    });

    /// <summary>For a user's own csv: the class names and their common synonyms; any other non-empty name is unlabeled.</summary>
    public static EmotionLabelMap Generic { get; } = new(new Dictionary<string, string?>
    {
        ["happy"] = EmotionClasses.Happy, ["happiness"] = EmotionClasses.Happy, ["joy"] = EmotionClasses.Happy,
        ["joyful"] = EmotionClasses.Happy, ["excited"] = EmotionClasses.Happy, ["excitement"] = EmotionClasses.Happy,
        ["neutral"] = EmotionClasses.Neutral, ["calm"] = EmotionClasses.Neutral,
        ["angry"] = EmotionClasses.Angry, ["anger"] = EmotionClasses.Angry, ["mad"] = EmotionClasses.Angry,
        ["sad"] = EmotionClasses.Sad, ["sadness"] = EmotionClasses.Sad,
    });
}
