namespace EmoStream.Sessions.Storage;

/// <summary>Why a database cannot be written, in the operating system's words (SQLite only says "unable to open database file").</summary>
internal static class StorageProbe
{
    /// <summary>"; the data folder ... is not writable (Read-only file system)" and the like; empty when writing works.</summary>
    public static string WhyNotWritable(string databasePath)
    {
        var folder = Path.GetDirectoryName(databasePath)!;
        try
        {
            using (File.Create(Path.Combine(folder, $".write-probe-{Guid.NewGuid():N}"), 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"; the data folder {folder} is not writable ({Reason(e)})";
        }
        if (!File.Exists(databasePath)) return "";
        try
        {
            using (new FileStream(databasePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"; the database file is not writable ({Reason(e)})";
        }
        return "";
    }

    /// <summary>The system's reason without the path it names (the message names the path already).</summary>
    private static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        IOException { HResult: 30 } => "read-only file system",
        IOException { HResult: 28 } => "no space left on device",
        _ => e.Message,
    };
}
