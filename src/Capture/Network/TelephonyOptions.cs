namespace EmoStream.Capture.Network;

/// <summary>Telephony media streams; bound from <c>Capture:Telephony</c>.</summary>
public sealed class TelephonyOptions
{
    public const string SectionName = "Capture:Telephony";

    /// <summary>Speaker name per media track; a track not listed keeps its own name.</summary>
    public Dictionary<string, string> TrackSpeakers { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["inbound"] = "customer",
        ["outbound"] = "agent",
    };
}
