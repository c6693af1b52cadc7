namespace EmoStream.Sessions.Storage;

/// <summary>Where sessions are stored.</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file in <see cref="StorageOptions.DataDirectory"/>: nothing to set up, one node.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (<see cref="StorageOptions.ConnectionString"/>) that several nodes share.</summary>
    PostgreSql,
}

/// <summary>The <c>Storage</c> section of appsettings.json.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>PostgreSQL only: an Npgsql connection string (<c>Host=…;Port=…;Username=…;Database=…</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Folder of the SQLite database; with either provider also this node's own files (uploads being replayed,
    /// session ends storage refused). A relative path is taken from the working folder.
    /// </summary>
    public string DataDirectory { get; set; } = "data";

    public string DatabaseFile { get; set; } = "emostream.db";

    /// <summary>Keep each utterance's audio (float samples with their rate) in the database; off by default (about 64 KB per second).</summary>
    public bool StoreAudio { get; set; }

    /// <summary>
    /// Keep the vectors the model scored each utterance from (a few KB each), with their featurizers, so that
    /// <c>emostream adapt</c> can learn from these calls later; on by default. Personal data: docs/SECURITY.md.
    /// </summary>
    public bool StoreFeatures { get; set; } = true;

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, DatabaseFile));

    /// <summary>Null when the settings make sense, else what is wrong, naming the key.</summary>
    public string? Problem() => Provider switch
    {
        StorageProvider.Sqlite => null,
        StorageProvider.PostgreSql when string.IsNullOrWhiteSpace(ConnectionString) =>
            $"{SectionName}:ConnectionString is empty; {SectionName}:Provider PostgreSql needs one (Host=…;Port=…;Username=…;Database=…)",
        StorageProvider.PostgreSql => null,
        _ => $"{SectionName}:Provider '{Provider}' is not a provider; use Sqlite or PostgreSql",
    };
}
