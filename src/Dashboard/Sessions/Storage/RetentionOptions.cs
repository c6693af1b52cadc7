namespace EmoStream.Sessions.Storage;

/// <summary>
/// How long sessions are kept, bound from <c>Storage:Retention</c>: sessions that started more than <see cref="Days"/>
/// days ago are deleted with everything stored for them; with <see cref="AudioDays"/> their audio goes earlier (the
/// utterances, scores and transcripts stay). 0 keeps forever. Running sessions are never touched.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Storage:Retention";

    public int Days { get; set; }

    public int AudioDays { get; set; }

    /// <summary>How often the server applies the settings (and once at start-up).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    public bool Enabled => Days > 0 || AudioDays > 0;

    public string? Problem() =>
        Days < 0 ? $"{SectionName}:Days is {Days}; expected 0 (keep forever) or more"
        : AudioDays < 0 ? $"{SectionName}:AudioDays is {AudioDays}; expected 0 (keep with the session) or more"
        : Days > 0 && AudioDays > Days ? $"{SectionName}:AudioDays is {AudioDays}, more than Days ({Days}); audio cannot outlive its session"
        : Interval < TimeSpan.FromSeconds(1) ? $"{SectionName}:Interval is {Interval}; expected 1 second or more"
        : null;
}
