namespace EmoStream.Dashboard.Api;

/// <summary>What one client may make the server do; bound from <c>Limits</c> (docs/API.md, Limits).</summary>
public sealed class InputLimits
{
    public const string SectionName = "Limits";

    /// <summary>Largest recording <c>POST /api/sessions/replay</c> takes; larger is answered 413.</summary>
    public long MaxUploadBytes { get; set; } = 256L << 20;

    /// <summary>Longest recording an upload may hold (decoded as a stream: memory stays bounded whatever its length).</summary>
    public TimeSpan MaxRecordingDuration { get; set; } = TimeSpan.FromHours(4);

    /// <summary>
    /// Longest mono recording with several speakers named an upload may hold: telling them apart (diarization) keeps the
    /// whole recording in memory (64 KB a second) instead of streaming it.
    /// </summary>
    public TimeSpan MaxDiarizedDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A live session that receives no audio for this long (never connected, or a silent connection) ends.</summary>
    public TimeSpan LiveIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far a live stream's audio time (PCM samples, telephony timestamps) may run ahead of its arrival time.</summary>
    public TimeSpan LiveMaxLead { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What a live session of the registry is held to.</summary>
    public EmoStream.Sessions.LiveLimits Live => new(LiveIdleTimeout, LiveMaxLead, $"{SectionName}:{nameof(LiveIdleTimeout)}");

    /// <summary>What is wrong with these limits, naming the key and the value; null when they are usable.</summary>
    public string? Problem()
    {
        if (MaxUploadBytes <= 0) return $"{SectionName}:{nameof(MaxUploadBytes)} is {MaxUploadBytes}; expected more than 0";
        foreach (var (key, value) in new[] { (nameof(MaxRecordingDuration), MaxRecordingDuration), (nameof(MaxDiarizedDuration), MaxDiarizedDuration), (nameof(LiveIdleTimeout), LiveIdleTimeout), (nameof(LiveMaxLead), LiveMaxLead) })
            if (value <= TimeSpan.Zero) return $"{SectionName}:{key} is {value}; expected a positive time span (hh:mm:ss)";
        return null;
    }
}
