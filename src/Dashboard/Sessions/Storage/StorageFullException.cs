namespace EmoStream.Sessions.Storage;

/// <summary>
/// Storage refused a write for lack of room on the device that holds it; nothing of that write was kept, so the
/// caller may try again once room is made. The message names the store, never its path (it may reach remote clients).
/// </summary>
/// <param name="what">What could not be stored ("the new session").</param>
/// <param name="store">The store, as users know it ("the session database").</param>
/// <param name="location">Where the store lies, for the server's own log.</param>
public sealed class StorageFullException(string what, string store, string location, Exception? inner = null)
    : Exception($"no space left on the device holding {store}", inner)
{
    public string What { get; } = what;

    public string Location { get; } = location;
}
