using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace EmoStream.Sessions.Storage;

/// <summary>
/// <see cref="ISessionStore"/> in one SQLite file, in WAL mode so that dashboards read while sessions write.
/// Every call takes a pooled connection of its own, so sessions write concurrently without sharing state; SQLite
/// serialises the writers and the busy time-out makes a writer wait rather than fail.
/// </summary>
public sealed partial class SqliteSessionStore : ISessionStore
{
    private static readonly JsonSerializerOptions Json = StoredRows.Json;
    private readonly string _connectionString;

    private SqliteSessionStore(string connectionString, string path)
    {
        _connectionString = connectionString;
        DatabasePath = path;
    }

    public string DatabasePath { get; }

    /// <summary>Nothing to release: each call opens its connection from the process-wide pool and closes it.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Opens (creating when absent) the database at <paramref name="path"/> and applies the migrations it lacks.</summary>
    public static async Task<SqliteSessionStore> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        path = Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"{path}: cannot create the data folder ({e.Message})", e);
        }
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30,
        }.ToString();
        var store = new SqliteSessionStore(connectionString, path);
        try
        {
            await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
            await MigrateAsync(connection, path, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            throw new StorageException($"{path}: cannot open the database ({e.Message}){StorageProbe.WhyNotWritable(path)}", e);
        }
        return store;
    }

    /// <summary>The schema versions recorded as applied, in order.</summary>
    public async Task<IReadOnlyList<int>> AppliedMigrationsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await AppliedAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    private static async Task MigrateAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_utc TEXT NOT NULL);",
            cancellationToken).ConfigureAwait(false);
        var known = SchemaMigrations.All.Max(m => m.Version);
        foreach (var migration in SchemaMigrations.All)
        {
            // BEGIN IMMEDIATE takes the write lock first, so two processes opening a new database apply each step once.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var applied = await AppliedAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (applied.Count > 0 && applied[^1] > known)
                throw new StorageException($"{path}: schema version {applied[^1]} was written by a newer EmoStream; this one knows up to {known}");
            if (applied.Contains(migration.Version)) continue;
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
            await using (var record = Command(connection, transaction,
                "INSERT INTO schema_migrations (version, name, applied_utc) VALUES ($v, $n, $t);"))
            {
                record.Parameters.AddWithValue("$v", migration.Version);
                record.Parameters.AddWithValue("$n", migration.Name);
                record.Parameters.AddWithValue("$t", Timestamp(DateTimeOffset.UtcNow));
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<List<int>> AppliedAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT version FROM schema_migrations ORDER BY version;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new List<int>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) versions.Add(reader.GetInt32(0));
        return versions;
    }

    public async Task CreateSessionAsync(SessionRecord session, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, """
            INSERT INTO sessions (id, kind, source, status, created_utc, ended_utc, speakers, model_id, detail, owner)
            VALUES ($id, $kind, $source, $status, $created, $ended, $speakers, $model, $detail, $owner);
            """);
        command.Parameters.AddWithValue("$owner", SessionOwner.Current.Token);
        command.Parameters.AddWithValue("$id", session.Id);
        command.Parameters.AddWithValue("$kind", session.Kind.ToString());
        command.Parameters.AddWithValue("$source", session.Source);
        command.Parameters.AddWithValue("$status", session.Status.ToString());
        command.Parameters.AddWithValue("$created", Timestamp(session.CreatedUtc));
        command.Parameters.AddWithValue("$ended", session.EndedUtc is { } ended ? Timestamp(ended) : DBNull.Value);
        command.Parameters.AddWithValue("$speakers", JsonSerializer.Serialize(session.Speakers, Json));
        command.Parameters.AddWithValue("$model", session.ModelId);
        command.Parameters.AddWithValue("$detail", (object?)session.Detail ?? DBNull.Value);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteFull)
        {
            // The statement was rolled back: no half-written session.
            throw new StorageFullException("the new session", "the session database", DatabasePath, e);
        }
    }

    /// <summary>SQLITE_FULL: a write found no room on the device (or the database reached its size limit).</summary>
    private const int SqliteFull = 13;

    /// <summary>Ends the sessions processes of this machine left running when they ended (see <see cref="SessionOrphans"/>).</summary>
    /// <returns>The sessions ended.</returns>
    public Task<IReadOnlyList<string>> InterruptOrphansAsync(CancellationToken cancellationToken = default) =>
        SessionOrphans.InterruptEndedProcessesAsync(this, DatabasePath, cancellationToken);

    public async Task<IReadOnlyList<SessionOwnership>> ListRunningAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var query = Command(connection, null, "SELECT id, owner FROM sessions WHERE status = $running ORDER BY created_utc, id;");
        query.Parameters.AddWithValue("$running", SessionStatus.Running.ToString());
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var running = new List<SessionOwnership>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            running.Add(new SessionOwnership(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        return running;
    }

    public async Task<string?> GetOwnerAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var query = Command(connection, null, "SELECT owner FROM sessions WHERE id = $id;");
        query.Parameters.AddWithValue("$id", sessionId);
        return await query.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task<bool> EndIfRunningAsync(string sessionId, SessionStatus status, DateTimeOffset endedUtc, string? detail,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var update = Command(connection, null,
            "UPDATE sessions SET status = $status, ended_utc = $ended, detail = $detail WHERE id = $id AND status = $running;");
        update.Parameters.AddWithValue("$id", sessionId);
        update.Parameters.AddWithValue("$status", status.ToString());
        update.Parameters.AddWithValue("$running", SessionStatus.Running.ToString());
        update.Parameters.AddWithValue("$ended", Timestamp(endedUtc));
        update.Parameters.AddWithValue("$detail", (object?)detail ?? DBNull.Value);
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task EndSessionAsync(string sessionId, SessionStatus status, DateTimeOffset endedUtc, string? detail, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "UPDATE sessions SET status = $status, ended_utc = $ended, detail = $detail WHERE id = $id;");
        command.Parameters.AddWithValue("$id", sessionId);
        command.Parameters.AddWithValue("$status", status.ToString());
        command.Parameters.AddWithValue("$ended", Timestamp(endedUtc));
        command.Parameters.AddWithValue("$detail", (object?)detail ?? DBNull.Value);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            throw new InvalidOperationException($"session '{sessionId}' does not exist");
    }

    public async Task AddUtteranceAsync(UtteranceRecord utterance, UtteranceAudio? audio, UtteranceFeatures? features, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = Command(connection, transaction, """
            INSERT INTO utterances (session_id, idx, speaker, start_s, end_s, transcript, engine, transcript_confidence, emotion, probabilities, weights, alert)
            VALUES ($session, $idx, $speaker, $start, $end, $transcript, $engine, $confidence, $emotion, $probabilities, $weights, $alert);
            """))
        {
            command.Parameters.AddWithValue("$session", utterance.SessionId);
            command.Parameters.AddWithValue("$idx", utterance.Index);
            command.Parameters.AddWithValue("$speaker", utterance.Speaker);
            command.Parameters.AddWithValue("$start", utterance.Start);
            command.Parameters.AddWithValue("$end", utterance.End);
            command.Parameters.AddWithValue("$transcript", (object?)utterance.Transcript ?? DBNull.Value);
            command.Parameters.AddWithValue("$engine", (object?)utterance.Engine ?? DBNull.Value);
            command.Parameters.AddWithValue("$confidence", (object?)utterance.TranscriptConfidence ?? DBNull.Value);
            command.Parameters.AddWithValue("$emotion", utterance.Emotion);
            command.Parameters.AddWithValue("$probabilities", JsonSerializer.Serialize(utterance.Probabilities, Json));
            command.Parameters.AddWithValue("$weights", JsonSerializer.Serialize(utterance.Weights, Json));
            command.Parameters.AddWithValue("$alert", utterance.Alert is { } alert ? JsonSerializer.Serialize(alert, Json) : DBNull.Value);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (audio is not null)
        {
            await using var command = Command(connection, transaction,
                "INSERT INTO utterance_audio (session_id, idx, sample_rate, samples) VALUES ($session, $idx, $rate, $samples);");
            command.Parameters.AddWithValue("$session", utterance.SessionId);
            command.Parameters.AddWithValue("$idx", utterance.Index);
            command.Parameters.AddWithValue("$rate", audio.SampleRate);
            command.Parameters.AddWithValue("$samples", MemoryMarshal.AsBytes(audio.Samples.AsSpan()).ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (features is not null)
        {
            await using var command = Command(connection, transaction, """
                INSERT INTO utterance_features (session_id, idx, acoustic_featurizer, acoustic, lexical_featurizer, lexical)
                VALUES ($session, $idx, $acoustic_featurizer, $acoustic, $lexical_featurizer, $lexical);
                """);
            command.Parameters.AddWithValue("$session", utterance.SessionId);
            command.Parameters.AddWithValue("$idx", utterance.Index);
            command.Parameters.AddWithValue("$acoustic_featurizer", (object?)StoredRows.Featurizer(features.AcousticFeaturizer) ?? DBNull.Value);
            command.Parameters.AddWithValue("$acoustic", (object?)StoredRows.Vector(features.Acoustic) ?? DBNull.Value);
            command.Parameters.AddWithValue("$lexical_featurizer", (object?)StoredRows.Featurizer(features.LexicalFeaturizer) ?? DBNull.Value);
            command.Parameters.AddWithValue("$lexical", (object?)StoredRows.Vector(features.Lexical) ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredFeatures>> GetFeaturesAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT {StoredRows.FeatureColumns} FROM utterance_features WHERE session_id = $session ORDER BY idx;");
        command.Parameters.AddWithValue("$session", sessionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await StoredRows.ReadAllAsync(reader, StoredRows.Features, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CorrectionRecord> AddCorrectionAsync(string sessionId, int index, string? emotion, string author, DateTimeOffset createdUtc,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One statement: the model's answer is copied from the utterance as it is stored, and nothing is written without one.
        await using var command = Command(connection, null, $"""
            INSERT INTO corrections (session_id, idx, emotion, model_emotion, author, created_utc)
            SELECT session_id, idx, $emotion, emotion, $author, $created FROM utterances WHERE session_id = $session AND idx = $idx
            RETURNING {StoredRows.CorrectionColumns};
            """);
        command.Parameters.AddWithValue("$session", sessionId);
        command.Parameters.AddWithValue("$idx", index);
        command.Parameters.AddWithValue("$emotion", (object?)emotion ?? DBNull.Value);
        command.Parameters.AddWithValue("$author", author);
        command.Parameters.AddWithValue("$created", Timestamp(createdUtc));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            throw new InvalidOperationException($"session '{sessionId}' has no utterance {index}");
        return StoredRows.Correction(reader);
    }

    public async Task<IReadOnlyList<CorrectionRecord>> GetCorrectionsAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT {StoredRows.CorrectionColumns} FROM corrections WHERE session_id = $session ORDER BY id;");
        command.Parameters.AddWithValue("$session", sessionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await StoredRows.ReadAllAsync(reader, StoredRows.Correction, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var found = await QuerySessionsAsync("WHERE id = $id", sessionId, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<SessionRecord>> ListSessionsAsync(CancellationToken cancellationToken = default) =>
        QuerySessionsAsync("ORDER BY created_utc DESC, id", null, cancellationToken);

    private Task<IReadOnlyList<SessionRecord>> QuerySessionsAsync(string tail, string? id, CancellationToken cancellationToken) =>
        ReadSessionsAsync(tail, command =>
        {
            if (id is not null) command.Parameters.AddWithValue("$id", id);
        }, cancellationToken);

    private async Task<IReadOnlyList<SessionRecord>> ReadSessionsAsync(string tail, Action<SqliteCommand> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT {StoredRows.SessionColumns} FROM sessions {tail};");
        parameters(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var sessions = new List<SessionRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) sessions.Add(StoredRows.Session(reader));
        return sessions;
    }

    public async Task<IReadOnlyDictionary<string, int>> CountUtterancesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT session_id, COUNT(*) FROM utterances GROUP BY session_id;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }

    public async Task<IReadOnlyList<UtteranceRecord>> GetUtterancesAsync(string sessionId, int fromIndex = 0, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"""
            SELECT {StoredRows.UtteranceColumns}
            FROM utterances WHERE session_id = $session AND idx >= $from ORDER BY idx;
            """);
        command.Parameters.AddWithValue("$session", sessionId);
        command.Parameters.AddWithValue("$from", fromIndex);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var utterances = new List<UtteranceRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) utterances.Add(StoredRows.Utterance(sessionId, reader));
        return utterances;
    }

    public async Task<UtteranceAudio?> GetUtteranceAudioAsync(string sessionId, int index, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT samples, sample_rate FROM utterance_audio WHERE session_id = $session AND idx = $idx;");
        command.Parameters.AddWithValue("$session", sessionId);
        command.Parameters.AddWithValue("$idx", index);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        var bytes = (byte[])reader.GetValue(0);
        return new UtteranceAudio(MemoryMarshal.Cast<byte, float>(bytes).ToArray(), reader.GetInt32(1));
    }

    public async Task<bool> DeleteSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "DELETE FROM sessions WHERE id = $id;");
        command.Parameters.AddWithValue("$id", sessionId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Off by default in SQLite and per connection: deleting a session must take its utterances and audio with it.
        await ExecuteAsync(connection, null, "PRAGMA foreign_keys = ON;", cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
