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

    private static SessionRecord Session(string id, DateTimeOffset created) =>
        new(id, SessionKind.Replay, "/recordings/call.wav", SessionStatus.Running, created, null, ["agent", "customer"], "m.emsm@2026-11-24T00:00:00Z");

    private static UtteranceRecord Utterance(string session, int index, string? text) => new(session, index, index % 2 == 0 ? "agent" : "customer",
        index * 2.5, index * 2.5 + 1.75, text, text is null ? null : "pocketsphinx", text is null ? null : 0.83, "angry",
        new Dictionary<string, double> { ["happy"] = 0.1, ["neutral"] = 0.2, ["angry"] = 0.6, ["sad"] = 0.1 },
        new Dictionary<string, double> { ["audio"] = 0.25, ["text"] = 0.75 });

    private static void AssertSame(UtteranceRecord expected, UtteranceRecord actual)
    {
        Assert.Equal(expected with { Probabilities = actual.Probabilities, Weights = actual.Weights }, actual);
        Assert.Equal(expected.Probabilities, actual.Probabilities);
        Assert.Equal(expected.Weights, actual.Weights);
    }

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
        await store.AddUtteranceAsync(Utterance("old", 0, "hello"), new UtteranceAudio([0.5f], 16_000));
        Assert.Equal(new[] { 0.5f }, (await store.GetUtteranceAudioAsync("old", 0))!.Samples);
    }

    [Fact]
    public void Migrations_are_numbered_in_order_alerts_then_session_owner()
    {
        Assert.Equal(Enumerable.Range(1, SchemaMigrations.All.Count), SchemaMigrations.All.Select(m => m.Version));
        Assert.Equal("alerts", SchemaMigrations.All.Single(m => m.Version == 3).Name);
        Assert.Contains("ADD COLUMN alert", SchemaMigrations.All.Single(m => m.Version == 3).Sql);
        Assert.Equal("session owner", SchemaMigrations.All.Single(m => m.Version == 4).Name);
        Assert.Contains("ADD COLUMN owner", SchemaMigrations.All.Single(m => m.Version == 4).Sql);
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
            await store.AddUtteranceAsync(Utterance("done", 0, "hello") with { Alert = alert }, null);
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

    [Fact]
    public async Task Round_trips_sessions_utterances_and_audio_and_deletes_them_together()
    {
        var store = await SqliteSessionStore.OpenAsync(DbPath);
        var created = new DateTimeOffset(2026, 11, 24, 23, 0, 0, TimeSpan.Zero);
        await store.CreateSessionAsync(Session("s1", created));
        await store.CreateSessionAsync(Session("s2", created.AddMinutes(1)));
        var first = Utterance("s1", 0, "I want my money back");
        var second = Utterance("s1", 1, null);
        float[] audio = [0.1f, -0.2f, 0.3f];
        await store.AddUtteranceAsync(first, new UtteranceAudio(audio, 8_000));
        await store.AddUtteranceAsync(second, null);
        await store.EndSessionAsync("s1", SessionStatus.Completed, created.AddSeconds(30), null);

        var session = (await store.GetSessionAsync("s1"))!;
        Assert.Equal(Session("s1", created) with { Status = SessionStatus.Completed, EndedUtc = created.AddSeconds(30), Speakers = session.Speakers }, session);
        Assert.Equal(["agent", "customer"], session.Speakers);
        Assert.Equal(["s2", "s1"], (await store.ListSessionsAsync()).Select(s => s.Id));
        var stored = await store.GetUtterancesAsync("s1");
        Assert.Equal(2, stored.Count);
        AssertSame(first, stored[0]);
        AssertSame(second, stored[1]);
        Assert.Equal(["happy", "neutral", "angry", "sad"], stored[0].Probabilities.Keys);
        AssertSame(second, Assert.Single(await store.GetUtterancesAsync("s1", fromIndex: 1)));
        var kept = (await store.GetUtteranceAudioAsync("s1", 0))!;
        Assert.Equal(audio, kept.Samples);
        Assert.Equal(8_000, kept.SampleRate); // the rate travels with the samples
        Assert.Null(await store.GetUtteranceAudioAsync("s1", 1));
        Assert.Null(await store.GetSessionAsync("missing"));

        Assert.True(await store.DeleteSessionAsync("s1"));
        Assert.False(await store.DeleteSessionAsync("s1"));
        Assert.Empty(await store.GetUtterancesAsync("s1"));
        Assert.Null(await store.GetUtteranceAudioAsync("s1", 0));
        Assert.Equal(["s2"], (await store.ListSessionsAsync()).Select(s => s.Id));
    }

    [Fact]
    public async Task A_duplicate_utterance_index_is_refused_and_leaves_no_partial_audio()
    {
        var store = await SqliteSessionStore.OpenAsync(DbPath);
        await store.CreateSessionAsync(Session("s", DateTimeOffset.UtcNow));
        await store.AddUtteranceAsync(Utterance("s", 0, "first"), new UtteranceAudio([1f], 16_000));
        await Assert.ThrowsAsync<SqliteException>(() => store.AddUtteranceAsync(Utterance("s", 0, "again"), new UtteranceAudio([2f], 16_000)));
        Assert.Equal("first", Assert.Single(await store.GetUtterancesAsync("s")).Transcript);
        Assert.Equal(new[] { 1f }, (await store.GetUtteranceAudioAsync("s", 0))!.Samples);
    }

    [Fact]
    public async Task Two_sessions_write_concurrently_through_separate_store_instances_without_losing_or_reordering()
    {
        // Two instances on one file behave like two processes: they share nothing but the database.
        var stores = new[] { await SqliteSessionStore.OpenAsync(DbPath), await SqliteSessionStore.OpenAsync(DbPath) };
        const int count = 150;
        var writers = stores.Select(async (store, s) =>
        {
            var id = $"session{s}";
            await store.CreateSessionAsync(Session(id, DateTimeOffset.UtcNow));
            for (var i = 0; i < count; i++) await store.AddUtteranceAsync(Utterance(id, i, $"{id} says {i}"), s == 0 ? new UtteranceAudio(new float[160], 16_000) : null);
            await store.EndSessionAsync(id, SessionStatus.Completed, DateTimeOffset.UtcNow, null);
        }).ToArray();
        var reader = Task.Run(async () =>
        {
            // A dashboard reading while both write: WAL lets it see a consistent prefix, never an error.
            var seen = 0;
            while (!writers.All(w => w.IsCompleted))
                seen = Math.Max(seen, (await stores[0].GetUtterancesAsync("session1")).Count);
            return seen;
        });
        await Task.WhenAll(writers);
        await reader;

        for (var s = 0; s < 2; s++)
        {
            var stored = await stores[1 - s].GetUtterancesAsync($"session{s}");
            Assert.Equal(Enumerable.Range(0, count), stored.Select(u => u.Index));
            Assert.All(stored, u => Assert.Equal($"session{s} says {u.Index}", u.Transcript));
            Assert.Equal(SessionStatus.Completed, (await stores[s].GetSessionAsync($"session{s}"))!.Status);
        }
    }
}
