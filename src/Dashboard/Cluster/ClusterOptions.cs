using EmoStream.Sessions.Storage;

namespace EmoStream.Dashboard.Cluster;

/// <summary>The <c>Cluster</c> section: several nodes over one Redis and one PostgreSQL database (docs/SCALING.md).</summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>A StackExchange.Redis configuration (<c>127.0.0.1:6379</c>); empty: this node is alone (no backplane, no membership).</summary>
    public string Redis { get; set; } = "";

    /// <summary>How often a node renews its membership key and looks for sessions of nodes that are gone.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A node whose key was not renewed for this long is gone: its running sessions are marked interrupted.</summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a stop or delete sent to another node waits for it (a stop drains what the session captured).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public bool Enabled => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>What is wrong with these settings, naming the key; null when they are usable.</summary>
    public string? Problem(StorageProvider storage)
    {
        if (!Enabled) return null;
        if (storage != StorageProvider.PostgreSql)
            return $"{SectionName}:Redis is set but {StorageOptions.SectionName}:Provider is {storage}; nodes share sessions through PostgreSQL (Storage:Provider PostgreSql)";
        if (HeartbeatInterval <= TimeSpan.Zero)
            return $"{SectionName}:HeartbeatInterval is {HeartbeatInterval}; expected a positive time span (hh:mm:ss)";
        if (NodeTimeout < 2 * HeartbeatInterval)
            return $"{SectionName}:NodeTimeout is {NodeTimeout}; expected at least twice {SectionName}:HeartbeatInterval ({HeartbeatInterval}), or a busy node looks gone";
        if (CommandTimeout <= TimeSpan.Zero)
            return $"{SectionName}:CommandTimeout is {CommandTimeout}; expected a positive time span (hh:mm:ss)";
        return null;
    }
}
