namespace EmoStream.Sessions.Alerts;

/// <summary>
/// When a session raises an alert, bound from <c>Dashboard:Alerts</c>: a speaker's utterances classified as one
/// of <see cref="Emotions"/>, <see cref="ConsecutiveUtterances"/> times in a row (the other speakers' turns in
/// between do not break the run; any other emotion of that speaker does). Alerts are computed by each session's
/// pipeline, stored with the utterance that raised, extended or ended them, and broadcast and exported with it.
/// </summary>
public sealed class AlertOptions
{
    public const string SectionName = "Dashboard:Alerts";

    /// <summary>What <see cref="Emotions"/> means when it is not set.</summary>
    public static IReadOnlyList<string> DefaultEmotions { get; } = ["angry", "sad"];

    public int ConsecutiveUtterances { get; set; } = 3;

    /// <summary>
    /// Null means <see cref="DefaultEmotions"/>: as an initial value the default would stay in front of a configured
    /// list, which the configuration binder appends to an existing array.
    /// </summary>
    public string[]? Emotions { get; set; }

    /// <summary>The configured emotions, or the default ones; each once (a setting layered over appsettings.json overrides its list item by item and may repeat one).</summary>
    public IReadOnlyList<string> EffectiveEmotions => [.. (Emotions ?? DefaultEmotions).Distinct()];

    /// <summary>What is wrong with the rule on its own, or null.</summary>
    public string? Problem() =>
        ConsecutiveUtterances < 1 ? $"{SectionName}:ConsecutiveUtterances is {ConsecutiveUtterances}; expected 1 or more"
        : EffectiveEmotions.Count == 0 ? $"{SectionName}:Emotions is empty; expected one or more emotion names"
        : null;

    /// <summary>Checks the rule against the classes of the model that scores the sessions.</summary>
    /// <exception cref="Pipeline.PipelineConfigurationException">An emotion the model does not predict.</exception>
    public void CheckAgainst(IReadOnlyCollection<string> classes)
    {
        if (EffectiveEmotions.FirstOrDefault(e => !classes.Contains(e)) is { } unknown)
            throw new Pipeline.PipelineConfigurationException(
                $"{SectionName}:Emotions names '{unknown}', which the model does not predict; expected one or more of {string.Join(", ", classes)}");
    }
}
