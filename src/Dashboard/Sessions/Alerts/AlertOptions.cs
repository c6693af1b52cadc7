using EmoStream.Dashboard.Security;

namespace EmoStream.Dashboard.Alerts;

/// <summary>
/// When the dashboard raises an alert, bound from <c>Dashboard:Alerts</c>: a speaker's utterances classified as one
/// of <see cref="Emotions"/>, <see cref="ConsecutiveUtterances"/> times in a row (the other speakers' turns in
/// between do not break the run; any other emotion of that speaker does).
/// </summary>
public sealed class AlertOptions
{
    public const string SectionName = "Dashboard:Alerts";

    /// <summary>What <see cref="Emotions"/> means when it is not set.</summary>
    public static IReadOnlyList<string> DefaultEmotions { get; } = ["angry", "sad"];

    public int ConsecutiveUtterances { get; set; } = 3;

    /// <summary>
    /// Null until <see cref="Complete"/> fills in <see cref="DefaultEmotions"/>: as an initial value the default would
    /// stay in front of a configured list, which the configuration binder appends to an existing array.
    /// </summary>
    public string[]? Emotions { get; set; }

    /// <summary>Fills in the default emotions when none are configured and checks the rule against the model's classes.</summary>
    /// <exception cref="HostingConfigurationException">N below 1, no emotion, or an emotion the model does not predict.</exception>
    public AlertOptions Complete(IReadOnlyCollection<string> classes)
    {
        // Distinct: a setting layered over appsettings.json overrides its list item by item and may repeat one.
        Emotions = [.. (Emotions ?? DefaultEmotions).Distinct()];
        if (ConsecutiveUtterances < 1)
            throw new HostingConfigurationException($"{SectionName}:ConsecutiveUtterances is {ConsecutiveUtterances}; expected 1 or more");
        if (Emotions.Length == 0)
            throw new HostingConfigurationException($"{SectionName}:Emotions is empty; expected one or more of {string.Join(", ", classes)}");
        if (Emotions.FirstOrDefault(e => !classes.Contains(e)) is { } unknown)
            throw new HostingConfigurationException(
                $"{SectionName}:Emotions names '{unknown}', which the model does not predict; expected one or more of {string.Join(", ", classes)}");
        return this;
    }
}
