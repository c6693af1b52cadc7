namespace EmoStream.Sessions.Pipeline;

/// <summary>The <c>Scoring</c> section of appsettings.json.</summary>
public sealed class ScoringOptions
{
    public const string SectionName = "Scoring";

    /// <summary>Attention window of each session's incremental scorer, in utterances (see docs/MODEL.md).</summary>
    public int Window { get; set; } = 100;
}
