namespace EmoStream.Sessions.Storage;

/// <summary>The <c>Storage</c> section of appsettings.json.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Folder of the database; a relative path is taken from the working folder.</summary>
    public string DataDirectory { get; set; } = "data";

    public string DatabaseFile { get; set; } = "emostream.db";

    /// <summary>Keep each utterance's audio (float samples with their rate) in the database; off by default (about 64 KB per second).</summary>
    public bool StoreAudio { get; set; }

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, DatabaseFile));
}
