using System.Runtime.InteropServices;
using System.Text.Json;
using Npgsql;

namespace EmoStream.Sessions.Storage;

/// <summary>
/// <see cref="ISessionStore"/> in a PostgreSQL database that several nodes share: the same tables as SQLite
/// (<see cref="SchemaMigrations.PostgreSql"/>), applied once under an advisory lock whichever node starts first. Every
/// call takes a pooled connection of its own (<see cref="NpgsqlDataSource"/>); timestamps keep microseconds. The
/// session list's filters use <see cref="ISessionStore.QueryAsync"/>'s default (in memory).
/// </summary>
public sealed class PostgresSessionStore : ISessionStore
{
    private static readonly JsonSerializerOptions Json = StoredRows.Json;

    /// <summary>Any fixed number: the advisory lock that makes migrations run one node at a time.</summary>
    private const long MigrationLock = 0x456d6f53747265;

    private readonly NpgsqlDataSource _data;

    private PostgresSessionStore(NpgsqlDataSource data, string where)
    {
        _data = data;
        Where = where;
    }

    /// <summary>Host, port and database, for messages (never the password).</summary>
    public string Where { get; }

    /// <summary>Connects and applies the migrations the database lacks.</summary>
    /// <exception cref="StorageException">The connection string is malformed, the server cannot be reached or refuses, or the schema is newer.</exception>
    public static async Task<PostgresSessionStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StorageException($"{StorageOptions.SectionName}:ConnectionString is not a PostgreSQL connection string ({e.Message})", e);
        }
        var where = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        var store = new PostgresSessionStore(NpgsqlDataSource.Create(builder), where);
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw new StorageException($"{where}: cannot open the database ({e.Message})", e);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return store;
    }

    public ValueTask DisposeAsync() => _data.DisposeAsync();

    /// <summary>The schema versions recorded as applied, in order.</summary>
    public async Task<IReadOnlyList<int>> AppliedMigrationsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _data.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await AppliedAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _data.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Held until commit: a second node starting at the same moment waits, then finds every step applied.
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({MigrationLock});", connection, transaction))
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await using (var table = new NpgsqlCommand(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_utc TIMESTAMPTZ NOT NULL);",
            connection, transaction))
            await table.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        var applied = await AppliedAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var known = SchemaMigrations.PostgreSql.Max(m => m.Version);
        if (applied.Count > 0 && applied[^1] > known)
            throw new StorageException($"{Where}: schema version {applied[^1]} was written by a newer EmoStream; this one knows up to {known}");
        foreach (var migration in SchemaMigrations.PostgreSql.Where(m => !applied.Contains(m.Version)))
        {
            await using (var step = new NpgsqlCommand(migration.Sql, connection, transaction))
                await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, applied_utc) VALUES ($1, $2, now());", connection, transaction)
            {
                Parameters = { new() { Value = migration.Version }, new() { Value = migration.Name } },
            };
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<int>> AppliedAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations ORDER BY version;", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new List<int>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) versions.Add(reader.GetInt32(0));
        return versions;
    }

    public async Task CreateSessionAsync(SessionRecord session, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand("""
            INSERT INTO sessions (id, kind, source, status, created_utc, ended_utc, speakers, model_id, detail, owner)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10);
            """);
        Add(command, session.Id, session.Kind.ToString(), session.Source, session.Status.ToString(), session.CreatedUtc.ToUniversalTime(),
            session.EndedUtc?.ToUniversalTime(), JsonSerializer.Serialize(session.Speakers, Json), session.ModelId, session.Detail,
            SessionOwner.Current.Token);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DiskFull)
        {
            // The statement was rolled back: no half-written session.
            throw new StorageFullException("the new session", "the session database", Where, e);
        }
    }

    public async Task EndSessionAsync(string sessionId, SessionStatus status, DateTimeOffset endedUtc, string? detail, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand("UPDATE sessions SET status = $2, ended_utc = $3, detail = $4 WHERE id = $1;");
        Add(command, sessionId, status.ToString(), endedUtc.ToUniversalTime(), detail);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            throw new InvalidOperationException($"session '{sessionId}' does not exist");
    }

    public async Task<bool> EndIfRunningAsync(string sessionId, SessionStatus status, DateTimeOffset endedUtc, string? detail,
        CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand("UPDATE sessions SET status = $2, ended_utc = $3, detail = $4 WHERE id = $1 AND status = $5;");
        Add(command, sessionId, status.ToString(), endedUtc.ToUniversalTime(), detail, SessionStatus.Running.ToString());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<IReadOnlyList<SessionOwnership>> ListRunningAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand("SELECT id, owner FROM sessions WHERE status = $1 ORDER BY created_utc, id;");
        Add(command, SessionStatus.Running.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var running = new List<SessionOwnership>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            running.Add(new SessionOwnership(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        return running;
    }

    public async Task<string?> GetOwnerAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand("SELECT owner FROM sessions WHERE id = $1;");
        Add(command, sessionId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task AddUtteranceAsync(UtteranceRecord utterance, UtteranceAudio? audio, UtteranceFeatures? features, CancellationToken cancellationToken = default)
    {
        await using var connection = await _data.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand("""
            INSERT INTO utterances (session_id, idx, speaker, start_s, end_s, transcript, engine, transcript_confidence, emotion, probabilities, weights, alert)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12);
            """, connection, transaction))
        {
            Add(command, utterance.SessionId, utterance.Index, utterance.Speaker, utterance.Start, utterance.End, utterance.Transcript,
                utterance.Engine, utterance.TranscriptConfidence, utterance.Emotion, JsonSerializer.Serialize(utterance.Probabilities, Json),
                JsonSerializer.Serialize(utterance.Weights, Json), utterance.Alert is { } alert ? JsonSerializer.Serialize(alert, Json) : null);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (audio is not null)
        {
            await using var command = new NpgsqlCommand("INSERT INTO utterance_audio (session_id, idx, sample_rate, samples) VALUES ($1, $2, $3, $4);",
                connection, transaction);
            Add(command, utterance.SessionId, utterance.Index, audio.SampleRate, MemoryMarshal.AsBytes(audio.Samples.AsSpan()).ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (features is not null)
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO utterance_features (session_id, idx, acoustic_featurizer, acoustic, lexical_featurizer, lexical) VALUES ($1, $2, $3, $4, $5, $6);
                """, connection, transaction);
            Add(command, utterance.SessionId, utterance.Index, StoredRows.Featurizer(features.AcousticFeaturizer), StoredRows.Vector(features.Acoustic),
                StoredRows.Featurizer(features.LexicalFeaturizer), StoredRows.Vector(features.Lexical));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredFeatures>> GetFeaturesAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand($"SELECT {StoredRows.FeatureColumns} FROM utterance_features WHERE session_id = $1 ORDER BY idx;");
        Add(command, sessionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await StoredRows.ReadAllAsync(reader, StoredRows.Features, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CorrectionRecord> AddCorrectionAsync(string sessionId, int index, string? emotion, string author, DateTimeOffset createdUtc,
        CancellationToken cancellationToken = default)
    {
        // One statement: the model's answer is copied from the utterance as it is stored, and nothing is written without one.
        await using var command = _data.CreateCommand($"""
            INSERT INTO corrections (session_id, idx, emotion, model_emotion, author, created_utc)
            SELECT session_id, idx, $3, emotion, $4, $5 FROM utterances WHERE session_id = $1 AND idx = $2
            RETURNING {StoredRows.CorrectionColumns};
            """);
        Add(command, sessionId, index, emotion, author, createdUtc.ToUniversalTime());
        command.Parameters[2].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text; // a select list gives a NULL ("none of these") no type of its own
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            throw new InvalidOperationException($"session '{sessionId}' has no utterance {index}");
        return StoredRows.Correction(reader);
    }

    public async Task<IReadOnlyList<CorrectionRecord>> GetCorrectionsAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand($"SELECT {StoredRows.CorrectionColumns} FROM corrections WHERE session_id = $1 ORDER BY id;");
        Add(command, sessionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await StoredRows.ReadAllAsync(reader, StoredRows.Correction, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var found = await QuerySessionsAsync("WHERE id = $1", sessionId, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<SessionRecord>> ListSessionsAsync(CancellationToken cancellationToken = default) =>
        QuerySessionsAsync("ORDER BY created_utc DESC, id", null, cancellationToken);

    private async Task<IReadOnlyList<SessionRecord>> QuerySessionsAsync(string tail, string? id, CancellationToken cancellationToken)
    {
        await using var command = _data.CreateCommand(
            $"SELECT {StoredRows.SessionColumns} FROM sessions {tail};");
        if (id is not null) Add(command, id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var sessions = new List<SessionRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) sessions.Add(StoredRows.Session(reader));
        return sessions;
    }

    public async Task<IReadOnlyDictionary<string, int>> CountUtterancesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand("SELECT session_id, COUNT(*)::int FROM utterances GROUP BY session_id;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }

    public async Task<IReadOnlyList<UtteranceRecord>> GetUtterancesAsync(string sessionId, int fromIndex = 0, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand($"""
            SELECT {StoredRows.UtteranceColumns}
            FROM utterances WHERE session_id = $1 AND idx >= $2 ORDER BY idx;
            """);
        Add(command, sessionId, fromIndex);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var utterances = new List<UtteranceRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) utterances.Add(StoredRows.Utterance(sessionId, reader));
        return utterances;
    }

    public async Task<UtteranceAudio?> GetUtteranceAudioAsync(string sessionId, int index, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand("SELECT samples, sample_rate FROM utterance_audio WHERE session_id = $1 AND idx = $2;");
        Add(command, sessionId, index);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        var bytes = reader.GetFieldValue<byte[]>(0);
        return new UtteranceAudio(MemoryMarshal.Cast<byte, float>(bytes).ToArray(), reader.GetInt32(1));
    }

    public async Task<int> DeleteAudioAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand(
            "DELETE FROM utterance_audio WHERE session_id IN (SELECT id FROM sessions WHERE created_utc < $1 AND status <> $2);");
        Add(command, createdBefore.ToUniversalTime(), SessionStatus.Running.ToString());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var command = _data.CreateCommand("DELETE FROM sessions WHERE id = $1;");
        Add(command, sessionId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Positional parameters $1, $2, … in order; null as SQL NULL.</summary>
    private static void Add(NpgsqlCommand command, params object?[] values)
    {
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
    }
}
