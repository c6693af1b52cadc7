namespace EmoStream.Sessions.Storage;

/// <summary>
/// The schema's history, oldest first, in each provider's dialect: the same versions and names, the same tables and
/// columns. Never edit a released step: append a new one to both lists, so a database made by any earlier version
/// upgrades in place.
/// </summary>
public static class SchemaMigrations
{
    /// <summary>SQLite's steps.</summary>
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "sessions and utterances", """
            CREATE TABLE sessions (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                source TEXT NOT NULL,
                status TEXT NOT NULL,
                created_utc TEXT NOT NULL,
                ended_utc TEXT,
                speakers TEXT NOT NULL,
                model_id TEXT NOT NULL,
                detail TEXT
            );
            CREATE INDEX sessions_created ON sessions (created_utc);
            CREATE TABLE utterances (
                session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
                idx INTEGER NOT NULL,
                speaker TEXT NOT NULL,
                start_s REAL NOT NULL,
                end_s REAL NOT NULL,
                transcript TEXT,
                engine TEXT,
                transcript_confidence REAL,
                emotion TEXT NOT NULL,
                probabilities TEXT NOT NULL,
                weights TEXT NOT NULL,
                PRIMARY KEY (session_id, idx)
            ) WITHOUT ROWID;
            """),
        new(2, "utterance audio", """
            CREATE TABLE utterance_audio (
                session_id TEXT NOT NULL,
                idx INTEGER NOT NULL,
                sample_rate INTEGER NOT NULL,
                samples BLOB NOT NULL,
                PRIMARY KEY (session_id, idx),
                FOREIGN KEY (session_id, idx) REFERENCES utterances (session_id, idx) ON DELETE CASCADE
            ) WITHOUT ROWID;
            """),
        new(3, "alerts", """
            ALTER TABLE utterances ADD COLUMN alert TEXT;
            """),
        new(4, "session owner", """
            ALTER TABLE sessions ADD COLUMN owner TEXT;
            CREATE INDEX sessions_status ON sessions (status);
            """),
        new(5, "utterance features", """
            CREATE TABLE utterance_features (
                session_id TEXT NOT NULL,
                idx INTEGER NOT NULL,
                acoustic_featurizer TEXT,
                acoustic BLOB,
                lexical_featurizer TEXT,
                lexical BLOB,
                PRIMARY KEY (session_id, idx),
                FOREIGN KEY (session_id, idx) REFERENCES utterances (session_id, idx) ON DELETE CASCADE
            ) WITHOUT ROWID;
            """),
        new(6, "corrections", """
            CREATE TABLE corrections (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                session_id TEXT NOT NULL,
                idx INTEGER NOT NULL,
                emotion TEXT,
                model_emotion TEXT NOT NULL,
                author TEXT NOT NULL,
                created_utc TEXT NOT NULL,
                FOREIGN KEY (session_id, idx) REFERENCES utterances (session_id, idx) ON DELETE CASCADE
            );
            CREATE INDEX corrections_session ON corrections (session_id);
            """),
    ];

    /// <summary>PostgreSQL's steps: real timestamps (microseconds), double precision, bytea.</summary>
    public static IReadOnlyList<Migration> PostgreSql { get; } =
    [
        new(1, "sessions and utterances", """
            CREATE TABLE sessions (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                source TEXT NOT NULL,
                status TEXT NOT NULL,
                created_utc TIMESTAMPTZ NOT NULL,
                ended_utc TIMESTAMPTZ,
                speakers TEXT NOT NULL,
                model_id TEXT NOT NULL,
                detail TEXT
            );
            CREATE INDEX sessions_created ON sessions (created_utc);
            CREATE TABLE utterances (
                session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
                idx INTEGER NOT NULL,
                speaker TEXT NOT NULL,
                start_s DOUBLE PRECISION NOT NULL,
                end_s DOUBLE PRECISION NOT NULL,
                transcript TEXT,
                engine TEXT,
                transcript_confidence DOUBLE PRECISION,
                emotion TEXT NOT NULL,
                probabilities TEXT NOT NULL,
                weights TEXT NOT NULL,
                PRIMARY KEY (session_id, idx)
            );
            """),
        new(2, "utterance audio", """
            CREATE TABLE utterance_audio (
                session_id TEXT NOT NULL,
                idx INTEGER NOT NULL,
                sample_rate INTEGER NOT NULL,
                samples BYTEA NOT NULL,
                PRIMARY KEY (session_id, idx),
                FOREIGN KEY (session_id, idx) REFERENCES utterances (session_id, idx) ON DELETE CASCADE
            );
            """),
        new(3, "alerts", """
            ALTER TABLE utterances ADD COLUMN alert TEXT;
            """),
        new(4, "session owner", """
            ALTER TABLE sessions ADD COLUMN owner TEXT;
            CREATE INDEX sessions_status ON sessions (status);
            """),
        new(5, "utterance features", """
            CREATE TABLE utterance_features (
                session_id TEXT NOT NULL,
                idx INTEGER NOT NULL,
                acoustic_featurizer TEXT,
                acoustic BYTEA,
                lexical_featurizer TEXT,
                lexical BYTEA,
                PRIMARY KEY (session_id, idx),
                FOREIGN KEY (session_id, idx) REFERENCES utterances (session_id, idx) ON DELETE CASCADE
            );
            """),
        new(6, "corrections", """
            CREATE TABLE corrections (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                session_id TEXT NOT NULL,
                idx INTEGER NOT NULL,
                emotion TEXT,
                model_emotion TEXT NOT NULL,
                author TEXT NOT NULL,
                created_utc TIMESTAMPTZ NOT NULL,
                FOREIGN KEY (session_id, idx) REFERENCES utterances (session_id, idx) ON DELETE CASCADE
            );
            CREATE INDEX corrections_session ON corrections (session_id);
            """),
    ];
}
