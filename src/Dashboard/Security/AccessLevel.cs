namespace EmoStream.Dashboard.Security;

/// <summary>What a request needs.</summary>
public enum AccessLevel
{
    /// <summary>Open to anyone (health checks).</summary>
    None,

    View,

    /// <summary>Ingest and control.</summary>
    Ingest,
}
