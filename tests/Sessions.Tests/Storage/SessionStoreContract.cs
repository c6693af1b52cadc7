using System.Data.Common;
using EmoStream.Sessions.Storage;
using EmoStream.Sessions.Tests.Support;
using Microsoft.Data.Sqlite;

namespace EmoStream.Sessions.Tests.Storage;

/// <summary>
/// What every <see cref="ISessionStore"/> promises, run over each provider (as System.Threading.Channels runs one
/// suite over every channel kind): SQLite below, PostgreSQL on a private server.
/// </summary>
public abstract class SessionStoreContract : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _opened = [];

    /// <summary>A new store on the test's database; a second call opens a second instance on the same database (as a second node would).</summary>
    protected abstract Task<ISessionStore> OpenStoreAsync();

    /// <summary>The schema versions the store's database records as applied.</summary>
    protected abstract Task<IReadOnlyList<int>> AppliedAsync(ISessionStore store);

    protected abstract IReadOnlyList<Migration> Migrations { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened) await store.DisposeAsync();
    }

    private async Task<ISessionStore> OpenAsync()
    {
        var store = await OpenStoreAsync();
        if (store is IAsyncDisposable disposable) _opened.Add(disposable);
        return store;
    }

    internal static SessionRecord Session(string id, DateTimeOffset created) =>
        new(id, SessionKind.Replay, "/recordings/call.wav", SessionStatus.Running, created, null, ["agent", "customer"], "m.emsm@2026-11-24T00:00:00Z");

    internal static UtteranceRecord Utterance(string session, int index, string? text) => new(session, index, index % 2 == 0 ? "agent" : "customer",
        index * 2.5, index * 2.5 + 1.75, text, text is null ? null : "pocketsphinx", text is null ? null : 0.83, "angry",
        new Dictionary<string, double> { ["happy"] = 0.1, ["neutral"] = 0.2, ["angry"] = 0.6, ["sad"] = 0.1 },
        new Dictionary<string, double> { ["audio"] = 0.25, ["text"] = 0.75 });

    internal static void AssertSame(UtteranceRecord expected, UtteranceRecord actual)
    {
        Assert.Equal(expected with { Probabilities = actual.Probabilities, Weights = actual.Weights }, actual);
        Assert.Equal(expected.Probabilities, actual.Probabilities);
        Assert.Equal(expected.Weights, actual.Weights);
    }

    [SkippableFact]
    public async Task Applies_each_migration_once_across_reopens_and_by_two_stores_opening_at_once()
    {
        var both = await Task.WhenAll(OpenAsync(), OpenAsync());
        var all = Migrations.Select(m => m.Version).ToArray();
        Assert.Equal(all, await AppliedAsync(both[0]));
        Assert.Equal(all, await AppliedAsync(await OpenAsync()));
    }

    [SkippableFact]
    public async Task Round_trips_sessions_utterances_alerts_and_audio_and_deletes_them_together()
    {
        var store = await OpenAsync();
        var created = new DateTimeOffset(2026, 11, 24, 23, 0, 0, TimeSpan.Zero);
        await store.CreateSessionAsync(Session("s1", created));
        await store.CreateSessionAsync(Session("s2", created.AddMinutes(1)));
        var alert = new EmoStream.Sessions.Alerts.AlertRecord(1, "agent", 0, 0, 0, 1.75, 1, new Dictionary<string, int> { ["angry"] = 1 }, true);
        var first = Utterance("s1", 0, "I want my money back") with { Alert = alert };
        var second = Utterance("s1", 1, null);
        float[] audio = [0.1f, -0.2f, 0.3f];
        await store.AddUtteranceAsync(first, new UtteranceAudio(audio, 8_000));
        await store.AddUtteranceAsync(second, null);
        await store.EndSessionAsync("s1", SessionStatus.Completed, created.AddSeconds(30), null);

        var session = (await store.GetSessionAsync("s1"))!;
        Assert.Equal(Session("s1", created) with { Status = SessionStatus.Completed, EndedUtc = created.AddSeconds(30), Speakers = session.Speakers }, session);
        Assert.Equal(["agent", "customer"], session.Speakers);
        Assert.Equal(["s2", "s1"], (await store.ListSessionsAsync()).Select(s => s.Id));
        Assert.Equal(new Dictionary<string, int> { ["s1"] = 2 }, await store.CountUtterancesAsync());
        var stored = await store.GetUtterancesAsync("s1");
        Assert.Equal(2, stored.Count);
        AssertSame(first, stored[0]);
        AssertSame(second, stored[1]);
        Assert.Equal(alert, stored[0].Alert);
        Assert.Equal(["happy", "neutral", "angry", "sad"], stored[0].Probabilities.Keys);
        AssertSame(second, Assert.Single(await store.GetUtterancesAsync("s1", fromIndex: 1)));
        var kept = (await store.GetUtteranceAudioAsync("s1", 0))!;
        Assert.Equal(audio, kept.Samples);
        Assert.Equal(8_000, kept.SampleRate); // the rate travels with the samples
        Assert.Null(await store.GetUtteranceAudioAsync("s1", 1));
        Assert.Null(await store.GetSessionAsync("missing"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.EndSessionAsync("missing", SessionStatus.Stopped, created, null));

        Assert.True(await store.DeleteSessionAsync("s1"));
        Assert.False(await store.DeleteSessionAsync("s1"));
        Assert.Empty(await store.GetUtterancesAsync("s1"));
        Assert.Null(await store.GetUtteranceAudioAsync("s1", 0));
        Assert.Equal(["s2"], (await store.ListSessionsAsync()).Select(s => s.Id));
    }

    [SkippableFact]
    public async Task A_duplicate_utterance_index_is_refused_and_leaves_no_partial_audio()
    {
        var store = await OpenAsync();
        await store.CreateSessionAsync(Session("s", DateTimeOffset.UtcNow));
        await store.AddUtteranceAsync(Utterance("s", 0, "first"), new UtteranceAudio([1f], 16_000));
        await Assert.ThrowsAnyAsync<DbException>(() => store.AddUtteranceAsync(Utterance("s", 0, "again"), new UtteranceAudio([2f], 16_000)));
        Assert.Equal("first", Assert.Single(await store.GetUtterancesAsync("s")).Transcript);
        Assert.Equal(new[] { 1f }, (await store.GetUtteranceAudioAsync("s", 0))!.Samples);
    }

    [SkippableFact]
    public async Task Two_sessions_write_concurrently_through_separate_store_instances_without_losing_or_reordering()
    {
        // Two instances on one database behave like two nodes: they share nothing but the database.
        var stores = new[] { await OpenAsync(), await OpenAsync() };
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
            // A dashboard reading while both write sees a consistent prefix, never an error.
            while (!writers.All(w => w.IsCompleted))
            {
                var seen = await stores[0].GetUtterancesAsync("session1");
                Assert.Equal(Enumerable.Range(0, seen.Count), seen.Select(u => u.Index));
            }
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

    [SkippableFact]
    public async Task Running_sessions_list_their_owner_and_only_the_first_end_of_a_running_session_counts()
    {
        var store = await OpenAsync();
        var now = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        await store.CreateSessionAsync(Session("a", now));
        await store.CreateSessionAsync(Session("b", now.AddSeconds(1)));
        Assert.Equal([new SessionOwnership("a", SessionOwner.Current.Token), new SessionOwnership("b", SessionOwner.Current.Token)],
            await store.ListRunningAsync());
        Assert.Equal(SessionOwner.Current.Token, await store.GetOwnerAsync("a"));
        Assert.Null(await store.GetOwnerAsync("missing"));

        // A survivor and the owner both try to end "a": the first end stays.
        Assert.True(await store.EndIfRunningAsync("a", SessionStatus.Interrupted, now.AddMinutes(1), "its node stopped answering"));
        Assert.False(await store.EndIfRunningAsync("a", SessionStatus.Completed, now.AddMinutes(2), null));
        Assert.False(await store.EndIfRunningAsync("missing", SessionStatus.Interrupted, now, null));
        var a = (await store.GetSessionAsync("a"))!;
        Assert.Equal((SessionStatus.Interrupted, now.AddMinutes(1), "its node stopped answering"), (a.Status, a.EndedUtc!.Value, a.Detail));
        Assert.Equal([new SessionOwnership("b", SessionOwner.Current.Token)], await store.ListRunningAsync());
    }

    [SkippableFact]
    public async Task Retention_deletes_the_audio_of_ended_sessions_started_before_a_time_and_keeps_their_utterances()
    {
        var store = await OpenAsync();
        var created = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var id in new[] { "ended", "running" })
        {
            await store.CreateSessionAsync(Session(id, created));
            await store.AddUtteranceAsync(Utterance(id, 0, "kept"), new UtteranceAudio([0.5f], 16_000));
        }
        await store.EndSessionAsync("ended", SessionStatus.Completed, created.AddMinutes(1), null);

        Assert.Equal(0, await store.DeleteAudioAsync(created));
        Assert.Equal(1, await store.DeleteAudioAsync(created.AddDays(1)));
        Assert.Null(await store.GetUtteranceAudioAsync("ended", 0));
        Assert.Equal("kept", Assert.Single(await store.GetUtterancesAsync("ended")).Transcript);
        Assert.NotNull(await store.GetUtteranceAudioAsync("running", 0));
    }

    [SkippableFact]
    public async Task A_starting_node_interrupts_sessions_of_ended_processes_of_its_machine_only()
    {
        var store = await OpenAsync();
        var data = Directory.CreateTempSubdirectory("emostream-orphans-").FullName;
        try
        {
            await store.CreateSessionAsync(Session("mine", DateTimeOffset.UtcNow));
            var before = await store.ListRunningAsync();
            Assert.Equal(["mine"], before.Select(r => r.SessionId));
            // Sessions as other processes left them: one of this machine that has ended, one of another machine.
            await ReownAsync(store, "dead", new SessionOwner(SessionOwner.Current.Node, int.MaxValue - 1, 1).Token);
            await ReownAsync(store, "elsewhere", new SessionOwner("another-machine", 1, 1).Token);

            Assert.Equal(["dead"], await SessionOrphans.InterruptEndedProcessesAsync(store, Path.Combine(data, "emostream.db")));
            Assert.Equal(SessionStatus.Interrupted, (await store.GetSessionAsync("dead"))!.Status);
            Assert.Equal(SessionOrphans.ProcessEnded, (await store.GetSessionAsync("dead"))!.Detail);
            Assert.Equal(["elsewhere", "mine"], (await store.ListRunningAsync()).Select(r => r.SessionId).Order());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>A running session created by another process (the given owner): created here, then its owner column rewritten.</summary>
    protected abstract Task ReownAsync(ISessionStore store, string id, string owner);
}

public sealed class SqliteSessionStoreContract : SessionStoreContract
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-contract-").FullName;

    private string DbPath => Path.Combine(_dir, "emostream.db");

    protected override IReadOnlyList<Migration> Migrations => SchemaMigrations.All;

    protected override async Task<ISessionStore> OpenStoreAsync() => await SqliteSessionStore.OpenAsync(DbPath);

    protected override Task<IReadOnlyList<int>> AppliedAsync(ISessionStore store) => ((SqliteSessionStore)store).AppliedMigrationsAsync();

    protected override async Task ReownAsync(ISessionStore store, string id, string owner)
    {
        await store.CreateSessionAsync(Session(id, DateTimeOffset.UtcNow));
        await using var connection = new SqliteConnection($"Data Source={DbPath}");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("UPDATE sessions SET owner = $o WHERE id = $id;", connection);
        command.Parameters.AddWithValue("$o", owner);
        command.Parameters.AddWithValue("$id", id);
        await command.ExecuteNonQueryAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools(); // pooled connections keep the files open
        Directory.Delete(_dir, recursive: true);
    }
}

public sealed class PostgresSessionStoreContract(LocalPostgres server) : SessionStoreContract, IClassFixture<LocalPostgres>
{
    private Task<string>? _database;

    protected override IReadOnlyList<Migration> Migrations => SchemaMigrations.PostgreSql;

    protected override async Task<ISessionStore> OpenStoreAsync() =>
        await PostgresSessionStore.OpenAsync(await (_database ??= server.NewDatabaseAsync()));

    protected override Task<IReadOnlyList<int>> AppliedAsync(ISessionStore store) => ((PostgresSessionStore)store).AppliedMigrationsAsync();

    protected override async Task ReownAsync(ISessionStore store, string id, string owner)
    {
        await store.CreateSessionAsync(Session(id, DateTimeOffset.UtcNow));
        await using var connection = new Npgsql.NpgsqlConnection(await _database!);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("UPDATE sessions SET owner = $1 WHERE id = $2;", connection)
            { Parameters = { new() { Value = owner }, new() { Value = id } } };
        await command.ExecuteNonQueryAsync();
    }

    [SkippableFact]
    public async Task Refuses_a_schema_from_a_newer_version_and_names_a_server_it_cannot_reach()
    {
        var store = (PostgresSessionStore)await OpenStoreAsync();
        await store.DisposeAsync();
        await using (var connection = new Npgsql.NpgsqlConnection(await _database!))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("INSERT INTO schema_migrations VALUES (99, 'from the future', now());", connection);
            await command.ExecuteNonQueryAsync();
        }
        var database = await _database!;
        var newer = await Assert.ThrowsAsync<StorageException>(() => PostgresSessionStore.OpenAsync(database));
        Assert.Contains("schema version 99", newer.Message);
        Assert.Contains($"127.0.0.1:{server.Port}", newer.Message);

        var nowhere = $"Host=127.0.0.1;Port={LocalPostgres.FreePort()};Username=emostream;Database=x;Timeout=2";
        var unreachable = await Assert.ThrowsAsync<StorageException>(() => PostgresSessionStore.OpenAsync(nowhere));
        Assert.Contains("cannot open the database", unreachable.Message);
        Assert.DoesNotContain("   at ", unreachable.Message);
        await Assert.ThrowsAsync<StorageException>(() => PostgresSessionStore.OpenAsync("Host=127.0.0.1;Nonsense Key=1"));
    }
}
