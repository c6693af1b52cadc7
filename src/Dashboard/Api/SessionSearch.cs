using System.Globalization;
using EmoStream.Dashboard.Hubs;
using EmoStream.Sessions;
using EmoStream.Sessions.Storage;

namespace EmoStream.Dashboard.Api;

/// <summary>
/// <c>GET /api/sessions/search</c>: the session list filtered and paged by the store (docs/API.md). Each parameter is
/// checked, and a bad one is a 400 naming it and what it takes.
/// </summary>
public static class SessionSearch
{
    public const int MaxLimit = 500;

    /// <summary>One page: the sessions with their utterance counts, and how many match in all.</summary>
    public sealed record Answer(int Total, int Offset, int Limit, IReadOnlyList<SessionSummary> Sessions);

    public static async Task<IResult> HandleAsync(HttpRequest request, SessionRegistry sessions, CancellationToken ct)
    {
        var q = request.Query;
        var statuses = new List<SessionStatus>();
        foreach (var name in q["status"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Enum.TryParse<SessionStatus>(name, ignoreCase: true, out var status) || !Enum.IsDefined(status) || int.TryParse(name, out _))
                return SessionsApi.Invalid("status", $"expected a comma-separated list of {string.Join(", ", Enum.GetNames<SessionStatus>().Select(n => n.ToLowerInvariant()))}, got '{name}'");
            statuses.Add(status);
        }
        if (!TryTime(q["from"], out var from)) return SessionsApi.Invalid("from", $"expected an ISO 8601 date or date and time (2026-11-30, 2026-11-30T09:00:00Z), got '{q["from"]}'");
        if (!TryTime(q["to"], out var to)) return SessionsApi.Invalid("to", $"expected an ISO 8601 date or date and time (2026-11-30, 2026-11-30T09:00:00Z), got '{q["to"]}'");
        var emotion = Text(q["emotion"]);
        var classes = sessions.Model.Classes;
        if (emotion is not null && !classes.Contains(emotion))
            return SessionsApi.Invalid("emotion", $"expected one of {string.Join(", ", classes)}, got '{emotion}'");
        bool? alert = null;
        if (Text(q["alert"]) is { } flag)
        {
            if (!bool.TryParse(flag, out var parsed)) return SessionsApi.Invalid("alert", $"expected true (sessions with alerts) or false (without), got '{flag}'");
            alert = parsed;
        }
        if (!TryCount(q["offset"], 0, int.MaxValue, 0, out var offset)) return SessionsApi.Invalid("offset", $"expected a whole number, 0 or more, got '{q["offset"]}'");
        if (!TryCount(q["limit"], 1, MaxLimit, 50, out var limit)) return SessionsApi.Invalid("limit", $"expected a whole number from 1 to {MaxLimit}, got '{q["limit"]}'");

        var page = await sessions.Store.QueryAsync(new SessionQuery(statuses, from, to, Text(q["speaker"]), emotion, alert, offset, limit), ct);
        var counts = await sessions.Store.CountUtterancesAsync(ct);
        return Results.Ok(new Answer(page.Total, offset, limit, page.Sessions.Select(s => new SessionSummary(s, counts.GetValueOrDefault(s.Id))).ToArray()));
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A date alone is midnight UTC of that day; a time without an offset is UTC.</summary>
    private static bool TryTime(string? value, out DateTimeOffset? time)
    {
        time = null;
        if (Text(value) is not { } text) return true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)) return false;
        time = parsed;
        return true;
    }

    private static bool TryCount(string? value, int min, int max, int fallback, out int count)
    {
        count = fallback;
        return Text(value) is not { } text || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count >= min && count <= max);
    }
}
