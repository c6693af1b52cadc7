using System.Buffers.Binary;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EmoStream.Inference.Features;
using EmoStream.Sessions.Alerts;

namespace EmoStream.Sessions.Storage;

/// <summary>
/// Rows as both providers select them (the same columns in the same order), read into records: JSON columns,
/// enums as text, timestamps as SQLite's ISO-8601 text or PostgreSQL's timestamptz.
/// </summary>
internal static class StoredRows
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public const string SessionColumns = "id, kind, source, status, created_utc, ended_utc, speakers, model_id, detail";

    public const string UtteranceColumns = "idx, speaker, start_s, end_s, transcript, engine, transcript_confidence, emotion, probabilities, weights, alert";

    public static SessionRecord Session(DbDataReader reader) => new(
        reader.GetString(0),
        Enum.Parse<SessionKind>(reader.GetString(1)),
        reader.GetString(2),
        Enum.Parse<SessionStatus>(reader.GetString(3)),
        Timestamp(reader, 4),
        reader.IsDBNull(5) ? null : Timestamp(reader, 5),
        JsonSerializer.Deserialize<string[]>(reader.GetString(6), Json)!,
        reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8));

    public static UtteranceRecord Utterance(string sessionId, DbDataReader reader) => new(
        sessionId,
        reader.GetInt32(0),
        reader.GetString(1),
        reader.GetDouble(2),
        reader.GetDouble(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetDouble(6),
        reader.GetString(7),
        JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(8), Json)!,
        JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(9), Json)!,
        reader.IsDBNull(10) ? null : JsonSerializer.Deserialize<AlertRecord>(reader.GetString(10), Json));

    public const string FeatureColumns = "idx, acoustic_featurizer, acoustic, lexical_featurizer, lexical";

    public const string CorrectionColumns = "id, session_id, idx, emotion, model_emotion, author, created_utc";

    /// <summary>A featurizer as its JSON column holds it (the modality by name, so the column reads on its own).</summary>
    private static readonly JsonSerializerOptions FeaturizerJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string? Featurizer(FeaturizerInfo? info) => info is null ? null : JsonSerializer.Serialize(info, FeaturizerJson);

    /// <summary>A vector as stored: float32, little-endian, one after another.</summary>
    public static byte[]? Vector(float[]? values)
    {
        if (values is null) return null;
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        return bytes;
    }

    public static StoredFeatures Features(DbDataReader reader)
    {
        FeaturizerInfo? Info(int column) => reader.IsDBNull(column) ? null : JsonSerializer.Deserialize<FeaturizerInfo>(reader.GetString(column), FeaturizerJson);
        float[]? Values(int column)
        {
            if (reader.IsDBNull(column)) return null;
            var bytes = reader.GetFieldValue<byte[]>(column);
            var values = new float[bytes.Length / sizeof(float)];
            for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
            return values;
        }
        return new StoredFeatures(reader.GetInt32(0), new UtteranceFeatures(Info(1), Values(2), Info(3), Values(4)));
    }

    public static CorrectionRecord Correction(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetInt32(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        Timestamp(reader, 6));

    /// <summary>SQLite keeps the round-trip text (<see cref="SqliteSessionStore"/>), PostgreSQL a timestamptz.</summary>
    private static DateTimeOffset Timestamp(DbDataReader reader, int column) => reader.GetFieldType(column) == typeof(string)
        ? DateTimeOffset.Parse(reader.GetString(column), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
        : reader.GetFieldValue<DateTimeOffset>(column);
}
