using EmoStream.Sessions.Storage;
using Microsoft.Data.Sqlite;

namespace EmoStream.Sessions.Tests.Storage;

public sealed class SqliteSessionStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-store-").FullName;

    private string DbPath => Path.Combine(_dir, "nested", "emostream.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools(); // pooled connections keep the files open
        Directory.Delete(_dir, recursive: true);
    }

    private static SessionRecord Session(string id, DateTimeOffset created) => SessionStoreContract.Session(id, created);

    private static UtteranceRecord Utterance(string session, int index, string? text) => SessionStoreContract.Utterance(session, index, text);

    [Fact]
    public async Task Creates_the_schema_in_WAL_mode_and_applies_each_migration_once_across_reopens()
    {
        var store = await SqliteSessionStore.OpenAsync(DbPath);
        var all = SchemaMigrations.All.Select(m => m.Version).ToArray();
        Assert.Equal(all, await store.AppliedMigrationsAsync());

        var reopened = await SqliteSessionStore.OpenAsync(DbPath);
        Assert.Equal(all, await reopened.AppliedMigrationsAsync());
        await using var connection = new SqliteConnection($"Data Source={DbPath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string)(await command.ExecuteScalarAsync())!);
        command.CommandText = "SELECT count(*) FROM schema_migrations;";
        Assert.Equal((long)all.Length, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Upgrades_a_database_made_by_an_earlier_schema_and_keeps_its_data()
    {
        // A version-1 database, as the first release wrote it.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_dir, "old.db")}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_utc TEXT NOT NULL);"
                + SchemaMigrations.All[0].Sql
                + "INSERT INTO schema_migrations VALUES (1, 'sessions and utterances', '2026-01-01T00:00:00Z');"
                + "INSERT INTO sessions VALUES ('old', 'Live', 'mic', 'Completed', '2026-01-01T00:00:00.0000000Z', NULL, '[\"a\"]', 'm', NULL);";
            await command.ExecuteNonQueryAsync();
        }

        var store = await SqliteSessionStore.OpenAsync(Path.Combine(_dir, "old.db"));

        Assert.Equal(SchemaMigrations.All.Select(m => m.Version), await store.AppliedMigrationsAsync());
        Assert.Equal(SessionStatus.Completed, (await store.GetSessionAsync("old"))!.Status);
        await store.AddUtteranceAsync(Utterance("old", 0, "hello"), new UtteranceAudio([0.5f], 16_000), null);
        Assert.Equal(new[] { 0.5f }, (await store.GetUtteranceAudioAsync("old", 0))!.Samples);
    }

    [Fact]
    public void Migrations_are_numbered_in_order_alerts_owner_features_corrections_the_same_for_both_providers()
    {
        Assert.Equal(Enumerable.Range(1, SchemaMigrations.All.Count), SchemaMigrations.All.Select(m => m.Version));
        Assert.Equal("alerts", SchemaMigrations.All.Single(m => m.Version == 3).Name);
        Assert.Contains("ADD COLUMN alert", SchemaMigrations.All.Single(m => m.Version == 3).Sql);
        Assert.Equal("session owner", SchemaMigrations.All.Single(m => m.Version == 4).Name);
        Assert.Contains("ADD COLUMN owner", SchemaMigrations.All.Single(m => m.Version == 4).Sql);
        Assert.Equal(["utterance features", "corrections"], SchemaMigrations.All.Where(m => m.Version > 4).Select(m => m.Name));
        // PostgreSQL has the same steps in its own dialect.
        Assert.Equal(SchemaMigrations.All.Select(m => (m.Version, m.Name)), SchemaMigrations.PostgreSql.Select(m => (m.Version, m.Name)));
    }

    [Fact]
    public async Task Upgrades_a_version_2_database_through_alerts_and_owner_and_a_version_3_one_through_owner()
    {
        // Version 2: before alerts and owners; version 3: alerts stored, no owners yet.
        foreach (var version in new[] { 2, 3 })
        {
            var path = Path.Combine(_dir, $"v{version}.db");
            await using (var connection = new SqliteConnection($"Data Source={path}"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_utc TEXT NOT NULL);"
                    + string.Concat(SchemaMigrations.All.Where(m => m.Version <= version).Select(m => m.Sql
                        + $"INSERT INTO schema_migrations VALUES ({m.Version}, '{m.Name}', '2026-01-01T00:00:00Z');"))
                    + "INSERT INTO sessions VALUES ('done', 'Live', 'mic', 'Completed', '2026-01-01T00:00:00.0000000Z', NULL, '[\"a\"]', 'm', NULL);"
                    + "INSERT INTO sessions VALUES ('left', 'Live', 'mic', 'Running', '2026-01-01T00:00:00.0000000Z', NULL, '[\"a\"]', 'm', NULL);";
                await command.ExecuteNonQueryAsync();
            }

            var store = await SqliteSessionStore.OpenAsync(path);

            Assert.Equal(SchemaMigrations.All.Select(m => m.Version), await store.AppliedMigrationsAsync());
            // Migration 3: utterances keep the alert they raised.
            var alert = new EmoStream.Sessions.Alerts.AlertRecord(1, "agent", 0, 0, 0, 1.75, 1, new Dictionary<string, int> { ["angry"] = 1 }, true);
            await store.AddUtteranceAsync(Utterance("done", 0, "hello") with { Alert = alert }, null, null);
            Assert.Equal(alert, (await store.GetUtterancesAsync("done", 0)).Single().Alert);
            // Migration 4: a session left running from before owners were recorded is an orphan: interrupted at start-up.
            Assert.Equal(["left"], await store.InterruptOrphansAsync());
            Assert.Equal(SessionStatus.Interrupted, (await store.GetSessionAsync("left"))!.Status);
            Assert.Equal(SessionStatus.Completed, (await store.GetSessionAsync("done"))!.Status);
            // New sessions record their owner (this process), so they are not orphans while it runs.
            await store.CreateSessionAsync(Session("mine", DateTimeOffset.UtcNow));
            Assert.Empty(await store.InterruptOrphansAsync());
        }
    }

    [Fact]
    public async Task Refuses_a_database_from_a_newer_version_and_a_file_that_is_not_a_database()
    {
        await SqliteSessionStore.OpenAsync(DbPath);
        await using (var connection = new SqliteConnection($"Data Source={DbPath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_migrations VALUES (99, 'from the future', '2030-01-01T00:00:00Z');";
            await command.ExecuteNonQueryAsync();
        }
        var newer = await Assert.ThrowsAsync<StorageException>(() => SqliteSessionStore.OpenAsync(DbPath));
        Assert.Contains("schema version 99", newer.Message);
        Assert.Contains(DbPath, newer.Message);

        var garbage = Path.Combine(_dir, "garbage.db");
        await File.WriteAllTextAsync(garbage, new string('x', 4096));
        var notDb = await Assert.ThrowsAsync<StorageException>(() => SqliteSessionStore.OpenAsync(garbage));
        Assert.Contains(garbage, notDb.Message);
    }
}
