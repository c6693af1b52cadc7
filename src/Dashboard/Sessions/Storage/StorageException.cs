namespace EmoStream.Sessions.Storage;

/// <summary>The database cannot be used: unwritable folder, not a database, or written by a newer EmoStream.</summary>
public sealed class StorageException(string message, Exception? inner = null) : Exception(message, inner);
