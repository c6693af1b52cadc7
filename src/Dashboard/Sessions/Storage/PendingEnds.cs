using System.Text.Json;

namespace EmoStream.Sessions.Storage;

/// <summary>
/// Session ends the database could not record (storage failing when the session ended), kept as one small file per
/// session in <c>pending-ends/</c> beside the database until the end is recorded: when storage comes back (the
/// session retries), or at the next start, which records them before marking what is left interrupted. Best effort:
/// on a disk too full for even this file, the next start marks the session interrupted instead.
/// </summary>
public static class PendingEnds
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record End(SessionStatus Status, DateTimeOffset EndedUtc, string? Detail);

    /// <returns>False when even this could not be written.</returns>
    public static bool TryWrite(string databasePath, string sessionId, End end)
    {
        try
        {
            var folder = Folder(databasePath);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, sessionId + ".json"), JsonSerializer.Serialize(end, Json));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The end recorded for a session, if one is pending.</summary>
    public static End? Read(string databasePath, string sessionId)
    {
        try
        {
            var file = Path.Combine(Folder(databasePath), sessionId + ".json");
            return File.Exists(file) ? JsonSerializer.Deserialize<End>(File.ReadAllText(file), Json) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    public static void Remove(string databasePath, string sessionId)
    {
        try
        {
            File.Delete(Path.Combine(Folder(databasePath), sessionId + ".json"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Harmless: a start finds the session ended already and leaves it.
        }
    }

    private static string Folder(string databasePath) => Path.Combine(Path.GetDirectoryName(databasePath)!, "pending-ends");
}
