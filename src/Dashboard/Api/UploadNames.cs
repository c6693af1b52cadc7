using System.Text.RegularExpressions;
using EmoStream.Sessions.Storage;

namespace EmoStream.Dashboard.Api;

/// <summary>
/// An uploaded file's name is the client's: shown (the session's source, error messages), never used as a path.
/// The copy is stored as <c>recording</c> plus a plain extension; messages never show where.
/// </summary>
internal static partial class UploadNames
{
    private const int MaxDisplayLength = 255;

    /// <summary>The client's file name as shown: its last part, without control characters, at most 255 characters; "upload" when nothing is left.</summary>
    public static string Display(string? clientName)
    {
        var name = (clientName ?? "").Replace('\\', '/');
        name = new string(name[(name.LastIndexOf('/') + 1)..].Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name is "" or "." or "..") return "upload";
        return name.Length <= MaxDisplayLength ? name : name[..(MaxDisplayLength - 3)] + "...";
    }

    /// <summary>The stored copy's name: <c>recording</c>, with the client's extension when it is a plain one (a hint for decoders).</summary>
    public static string Stored(string? clientName) =>
        PlainExtension().Match(Display(clientName)) is { Success: true } match ? "recording" + match.Value.ToLowerInvariant() : "recording";

    /// <summary>A message with the server's paths replaced by the client's name.</summary>
    public static string Hide(string message, string path, string folder, string name) =>
        message.Replace(path, name, StringComparison.Ordinal).Replace(folder, "", StringComparison.Ordinal);

    /// <summary>Why storing failed, without the server's paths.</summary>
    public static string Reason(Exception e, string folder) => e switch
    {
        UnauthorizedAccessException => "its storage folder is not writable",
        IOException { HResult: 28 or unchecked((int)0x80070070) } => "no space left on the device holding the uploads",
        _ => Hide(e.Message, folder, folder, "").Trim(' ', ':', '\''),
    };

    /// <summary>
    /// A new folder for one upload, under <c>uploads/</c> beside the database, in a folder named after this process
    /// (<see cref="SessionOwner"/>), so that a later start can remove what a crashed process left.
    /// </summary>
    public static string NewFolder(string databasePath) =>
        Path.Combine(Root(databasePath), OwnerFolder(SessionOwner.Current), Guid.NewGuid().ToString("N"));

    /// <summary>Removes the uploads of processes of this node that have ended (and of versions that kept no owner).</summary>
    /// <returns>How many folders were removed.</returns>
    public static int DeleteOrphans(string databasePath)
    {
        var root = Root(databasePath);
        if (!Directory.Exists(root)) return 0;
        var removed = 0;
        foreach (var folder in Directory.GetDirectories(root))
        {
            var owner = SessionOwner.Parse(Path.GetFileName(folder).Replace('~', '/'));
            if (owner is not null && !owner.HasEndedOnThisNode()) continue;
            Delete(folder);
            removed++;
        }
        return removed;
    }

    private static string Root(string databasePath) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "uploads");

    private static string OwnerFolder(SessionOwner owner) => owner.Token.Replace('/', '~');

    /// <summary>Removes an upload's folder; one already gone is fine.</summary>
    public static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    [GeneratedRegex(@"\.[A-Za-z0-9]{1,10}$")]
    private static partial Regex PlainExtension();
}
