namespace EmoStream.Sessions.Storage;

/// <summary>Opens the store the <c>Storage</c> section names: SQLite (the default, nothing to set up) or PostgreSQL.</summary>
public static class SessionStores
{
    /// <exception cref="StorageException">The database cannot be opened (the message names it and why).</exception>
    public static async Task<ISessionStore> OpenAsync(StorageOptions options, CancellationToken cancellationToken = default) => options.Provider switch
    {
        StorageProvider.PostgreSql => await PostgresSessionStore.OpenAsync(options.ConnectionString!, cancellationToken).ConfigureAwait(false),
        _ => await SqliteSessionStore.OpenAsync(options.DatabasePath, cancellationToken).ConfigureAwait(false),
    };
}
