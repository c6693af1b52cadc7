using System.Data.Common;
using EmoStream.Inference.Features;
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
        _opened.Add(store);
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
        await store.AddUtteranceAsync(first, new UtteranceAudio(audio, 8_000), null);
        await store.AddUtteranceAsync(second, null, null);
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
        await store.AddUtteranceAsync(Utterance("s", 0, "first"), new UtteranceAudio([1f], 16_000), null);
        await Assert.ThrowsAnyAsync<DbException>(() => store.AddUtteranceAsync(Utterance("s", 0, "again"), new UtteranceAudio([2f], 16_000), null));
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
            for (var i = 0; i < count; i++) await store.AddUtteranceAsync(Utterance(id, i, $"{id} says {i}"), s == 0 ? new UtteranceAudio(new float[160], 16_000) : null, null);
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
            await store.AddUtteranceAsync(Utterance(id, 0, "kept"), new UtteranceAudio([0.5f], 16_000), null);
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

    /// <summary>Runs SQL on the test's database directly (before or after a store opened it).</summary>
    protected abstract Task ExecuteAsync(string sql);

    /// <summary>The type of <c>schema_migrations.applied_utc</c>, as the stores create it.</summary>
    protected abstract string TimestampType { get; }

    internal static readonly FeaturizerInfo AcousticInfo = new("acoustic/compact@1", Modality.Acoustic, 6, "rate=16000;frame=25ms");
    internal static readonly FeaturizerInfo LexicalInfo = new("lexical/glove-sif@1", Modality.Lexical, 3, "dim=100;a=0.001");

    /// <summary>Values whose bits a careless encoding would change: signed zero, the smallest subnormal, extremes, infinity, a NaN payload.</summary>
    private static readonly float[] Awkward =
        [-0f, float.Epsilon, float.MaxValue, float.NegativeInfinity, BitConverter.Int32BitsToSingle(0x7fc00123), 1f / 3f];

    private static void AssertBits(float[]? expected, float[]? actual) =>
        Assert.Equal(expected?.Select(BitConverter.SingleToInt32Bits), actual?.Select(BitConverter.SingleToInt32Bits));

    [SkippableFact]
    public async Task Features_round_trip_bit_exact_with_their_featurizers_and_absent_modalities_stay_absent()
    {
        var store = await OpenAsync();
        await store.CreateSessionAsync(Session("f", DateTimeOffset.UtcNow));
        var both = new UtteranceFeatures(AcousticInfo, Awkward, LexicalInfo, [0.25f, -1.5f, 1e-30f]);
        var audioOnly = new UtteranceFeatures(AcousticInfo, [1f, 2f, 3f, 4f, 5f, 6f], null, null);
        var textOnly = new UtteranceFeatures(null, null, LexicalInfo, [0f, 0f, 1f]);
        await store.AddUtteranceAsync(Utterance("f", 0, "both"), null, both);
        await store.AddUtteranceAsync(Utterance("f", 1, null), null, audioOnly);
        await store.AddUtteranceAsync(Utterance("f", 2, "kept without features"), null, null);
        await store.AddUtteranceAsync(Utterance("f", 3, "text"), null, textOnly);

        var stored = await store.GetFeaturesAsync("f");
        Assert.Equal([0, 1, 3], stored.Select(f => f.Index));
        foreach (var (expected, actual) in new[] { both, audioOnly, textOnly }.Zip(stored.Select(f => f.Features)))
        {
            Assert.Equal(expected.AcousticFeaturizer, actual.AcousticFeaturizer);
            Assert.Equal(expected.LexicalFeaturizer, actual.LexicalFeaturizer);
            AssertBits(expected.Acoustic, actual.Acoustic);
            AssertBits(expected.Lexical, actual.Lexical);
        }
        Assert.Empty(await store.GetFeaturesAsync("missing"));
        // A second node reads the same.
        AssertBits(Awkward, (await (await OpenAsync()).GetFeaturesAsync("f"))[0].Features.Acoustic);
    }

    [SkippableFact]
    public async Task A_refused_utterance_leaves_no_features()
    {
        var store = await OpenAsync();
        await store.CreateSessionAsync(Session("s", DateTimeOffset.UtcNow));
        await store.AddUtteranceAsync(Utterance("s", 0, "first"), null, new UtteranceFeatures(AcousticInfo, [1f], null, null));
        await Assert.ThrowsAnyAsync<DbException>(() => store.AddUtteranceAsync(Utterance("s", 0, "again"), null, new UtteranceFeatures(AcousticInfo, [2f], null, null)));
        Assert.Equal(new[] { 1f }, Assert.Single(await store.GetFeaturesAsync("s")).Features.Acoustic);
    }

    [SkippableFact]
    public async Task Corrections_are_a_history_oldest_first_beside_the_unchanged_model_answer()
    {
        var store = await OpenAsync();
        var at = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1230); // microseconds survive
        await store.CreateSessionAsync(Session("c", at));
        await store.CreateSessionAsync(Session("other", at));
        await store.AddUtteranceAsync(Utterance("c", 0, "I want my money back"), null, null);
        await store.AddUtteranceAsync(Utterance("c", 1, "fine"), null, null);
        await store.AddUtteranceAsync(Utterance("other", 0, "hello"), null, null);

        var first = await store.AddCorrectionAsync("c", 1, "neutral", "alice", at);
        var second = await store.AddCorrectionAsync("c", 0, null, "operator", at.AddSeconds(1));
        var third = await store.AddCorrectionAsync("c", 1, "sad", "bob", at.AddSeconds(2));
        await store.AddCorrectionAsync("other", 0, "happy", "alice", at);

        Assert.Equal(new CorrectionRecord(first.Id, "c", 1, "neutral", "angry", "alice", at), first);
        Assert.True(first.Id < second.Id && second.Id < third.Id);
        Assert.Equal([first, second, third], await store.GetCorrectionsAsync("c"));
        Assert.Null(second.Emotion); // "none of these"
        Assert.All(await store.GetUtterancesAsync("c"), u => Assert.Equal("angry", u.Emotion)); // the model's answer stays
        Assert.Empty(await store.GetCorrectionsAsync("missing"));
    }

    [SkippableFact]
    public async Task A_correction_of_an_utterance_or_session_that_does_not_exist_is_refused_and_stores_nothing()
    {
        var store = await OpenAsync();
        await store.CreateSessionAsync(Session("c", DateTimeOffset.UtcNow));
        await store.AddUtteranceAsync(Utterance("c", 0, "hello"), null, null);
        var noUtterance = await Assert.ThrowsAsync<InvalidOperationException>(() => store.AddCorrectionAsync("c", 1, "sad", "alice", DateTimeOffset.UtcNow));
        Assert.Contains("'c'", noUtterance.Message);
        Assert.Contains("1", noUtterance.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AddCorrectionAsync("missing", 0, "sad", "alice", DateTimeOffset.UtcNow));
        Assert.Empty(await store.GetCorrectionsAsync("c"));
    }

    [SkippableFact]
    public async Task Deleting_a_session_deletes_its_features_and_corrections_and_leaves_other_sessions_alone()
    {
        var store = await OpenAsync();
        foreach (var id in new[] { "gone", "kept" })
        {
            await store.CreateSessionAsync(Session(id, DateTimeOffset.UtcNow));
            await store.AddUtteranceAsync(Utterance(id, 0, "hello"), new UtteranceAudio([0.5f], 16_000), new UtteranceFeatures(AcousticInfo, [1f], LexicalInfo, [2f]));
            await store.AddCorrectionAsync(id, 0, "sad", "alice", DateTimeOffset.UtcNow);
        }
        Assert.True(await store.DeleteSessionAsync("gone"));
        Assert.Empty(await store.GetFeaturesAsync("gone"));
        Assert.Empty(await store.GetCorrectionsAsync("gone"));
        Assert.Equal(0, await CountRowsAsync("gone"));
        Assert.Single(await store.GetFeaturesAsync("kept"));
        Assert.Single(await store.GetCorrectionsAsync("kept"));
        // A new session under the same id starts with nothing left over.
        await store.CreateSessionAsync(Session("gone", DateTimeOffset.UtcNow));
        await store.AddUtteranceAsync(Utterance("gone", 0, "again"), null, null);
        Assert.Empty(await store.GetFeaturesAsync("gone"));
        Assert.Empty(await store.GetCorrectionsAsync("gone"));
    }

    /// <summary>Rows of a session left in the feature and correction tables, counted by SQL (not through the store's queries).</summary>
    protected abstract Task<long> CountRowsAsync(string sessionId);

    [SkippableFact]
    public async Task A_database_of_the_previous_schema_upgrades_in_place_and_its_utterances_take_corrections()
    {
        // Version 4, as the release before features and corrections wrote it, holding a scored utterance.
        var previous = Migrations.Where(m => m.Version <= 4).ToArray();
        await ExecuteAsync($"CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_utc {TimestampType} NOT NULL);"
            + string.Concat(previous.Select(m => m.Sql + $"INSERT INTO schema_migrations VALUES ({m.Version}, '{m.Name}', '2026-01-01T00:00:00Z');"))
            + "INSERT INTO sessions (id, kind, source, status, created_utc, speakers, model_id) VALUES ('old', 'Live', 'mic', 'Completed', '2026-01-01T00:00:00.0000000Z', '[\"a\"]', 'm');"
            + "INSERT INTO utterances (session_id, idx, speaker, start_s, end_s, emotion, probabilities, weights) VALUES ('old', 0, 'a', 0, 1, 'sad', '{\"sad\":1}', '{\"audio\":1}');");

        var store = await OpenAsync();

        Assert.Equal(Migrations.Select(m => m.Version), await AppliedAsync(store));
        Assert.Equal("sad", Assert.Single(await store.GetUtterancesAsync("old")).Emotion);
        Assert.Empty(await store.GetFeaturesAsync("old"));
        var correction = await store.AddCorrectionAsync("old", 0, "neutral", "alice", DateTimeOffset.UtcNow);
        Assert.Equal(("neutral", "sad"), (correction.Emotion, correction.ModelEmotion));
        await store.AddUtteranceAsync(Utterance("old", 1, "new"), null, new UtteranceFeatures(AcousticInfo, [0.5f], null, null));
        Assert.Equal([1], (await store.GetFeaturesAsync("old")).Select(f => f.Index));
        Assert.True(await store.DeleteSessionAsync("old"));
        Assert.Equal(0, await CountRowsAsync("old"));
    }
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

    protected override string TimestampType => "TEXT";

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DbPath}");
        await connection.OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<long> CountRowsAsync(string sessionId)
    {
        await using var connection = new SqliteConnection($"Data Source={DbPath}");
        await connection.OpenAsync();
        await using var command = new SqliteCommand(
            "SELECT (SELECT COUNT(*) FROM utterance_features WHERE session_id = $id) + (SELECT COUNT(*) FROM corrections WHERE session_id = $id);", connection);
        command.Parameters.AddWithValue("$id", sessionId);
        return (long)(await command.ExecuteScalarAsync())!;
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

    protected override string TimestampType => "TIMESTAMPTZ";

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(await (_database ??= server.NewDatabaseAsync()));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<long> CountRowsAsync(string sessionId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(await _database!);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT (SELECT COUNT(*) FROM utterance_features WHERE session_id = $1) + (SELECT COUNT(*) FROM corrections WHERE session_id = $1);", connection)
            { Parameters = { new() { Value = sessionId } } };
        return (long)(await command.ExecuteScalarAsync())!;
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
