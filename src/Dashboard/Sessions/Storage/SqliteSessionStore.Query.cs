using Microsoft.Data.Sqlite;

namespace EmoStream.Sessions.Storage;

/// <summary>The session list's filters and paging, and retention, in SQL (what <see cref="SessionQuery.Matches"/> defines).</summary>
public sealed partial class SqliteSessionStore
{
    private const string Filters = """
        WHERE ($any_status OR status IN (SELECT value FROM json_each($statuses)))
          AND ($from IS NULL OR created_utc >= $from)
          AND ($to IS NULL OR created_utc < $to)
          AND ($speaker IS NULL
               OR EXISTS (SELECT 1 FROM json_each(sessions.speakers) WHERE value = $speaker COLLATE NOCASE)
               OR EXISTS (SELECT 1 FROM utterances u WHERE u.session_id = sessions.id AND u.speaker = $speaker COLLATE NOCASE))
          AND ($emotion IS NULL OR EXISTS (SELECT 1 FROM utterances u WHERE u.session_id = sessions.id AND u.emotion = $emotion))
          AND ($alert IS NULL OR $alert = EXISTS (SELECT 1 FROM utterances u WHERE u.session_id = sessions.id AND u.alert IS NOT NULL))
        """;

    public async Task<SessionPage> QueryAsync(SessionQuery query, CancellationToken cancellationToken = default)
    {
        void Bind(SqliteCommand command)
        {
            var statuses = query.Statuses ?? [];
            command.Parameters.AddWithValue("$any_status", statuses.Count == 0);
            command.Parameters.AddWithValue("$statuses", System.Text.Json.JsonSerializer.Serialize(statuses.Select(s => s.ToString())));
            command.Parameters.AddWithValue("$from", query.From is { } from ? Timestamp(from) : DBNull.Value);
            command.Parameters.AddWithValue("$to", query.To is { } to ? Timestamp(to) : DBNull.Value);
            command.Parameters.AddWithValue("$speaker", (object?)query.Speaker ?? DBNull.Value);
            command.Parameters.AddWithValue("$emotion", (object?)query.Emotion ?? DBNull.Value);
            command.Parameters.AddWithValue("$alert", query.Alert is { } alert ? alert : DBNull.Value);
            command.Parameters.AddWithValue("$limit", query.Limit);
            command.Parameters.AddWithValue("$offset", query.Offset);
        }
        var page = await ReadSessionsAsync($"{Filters} ORDER BY created_utc DESC, id LIMIT $limit OFFSET $offset", Bind, cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var count = Command(connection, null, $"SELECT COUNT(*) FROM sessions {Filters};");
        Bind(count);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        return new SessionPage(page, total);
    }

    public async Task<int> DeleteAudioAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, """
            DELETE FROM utterance_audio WHERE session_id IN (SELECT id FROM sessions WHERE created_utc < $before AND status <> $running);
            """);
        command.Parameters.AddWithValue("$before", Timestamp(createdBefore));
        command.Parameters.AddWithValue("$running", SessionStatus.Running.ToString());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
