using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmoStream.Sessions.Storage;

namespace EmoStream.Sessions.Export;

/// <summary>
/// A session's utterances as CSV (one row per utterance, a column per class and modality, the number of the alert it
/// raised, extended or ended) or JSON (the shape <c>emostream replay --json</c> writes).
/// </summary>
public static class SessionExport
{
    public static string Csv(IReadOnlyList<UtteranceRecord> utterances)
    {
        var classes = utterances.SelectMany(u => u.Probabilities.Keys).Distinct().ToArray();
        var modalities = utterances.SelectMany(u => u.Weights.Keys).Distinct().ToArray();
        var csv = new StringBuilder();
        csv.AppendJoin(',', ["index", "speaker", "start", "end", "emotion", .. classes.Select(c => "p_" + c), .. modalities.Select(m => "w_" + m), "engine", "text", "alert"]);
        csv.Append("\r\n");
        foreach (var u in utterances)
        {
            var cells = new List<string>
            {
                u.Index.ToString(CultureInfo.InvariantCulture), Quote(u.Speaker), Number(u.Start), Number(u.End), Quote(u.Emotion),
            };
            cells.AddRange(classes.Select(c => u.Probabilities.TryGetValue(c, out var p) ? Number(p) : ""));
            cells.AddRange(modalities.Select(m => u.Weights.TryGetValue(m, out var w) ? Number(w) : ""));
            cells.Add(Quote(u.Engine ?? ""));
            cells.Add(Quote(u.Transcript ?? ""));
            cells.Add(u.Alert is { } alert ? alert.Number.ToString(CultureInfo.InvariantCulture) : "");
            csv.AppendJoin(',', cells).Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>An array in index order, one object per utterance with keys <c>speaker</c>, <c>start</c>, <c>end</c>, <c>text</c>, <c>emotion</c>, <c>probabilities</c>, <c>weights</c>, <c>alert</c> (the alert it raised, extended or ended, as it stands after it, or null).</summary>
    public static JsonArray Json(IReadOnlyList<UtteranceRecord> utterances)
    {
        static JsonObject Map(IReadOnlyDictionary<string, double> values) => new(values.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value)));
        return new JsonArray(utterances.Select(u => (JsonNode?)new JsonObject
        {
            ["speaker"] = u.Speaker,
            ["start"] = u.Start,
            ["end"] = u.End,
            ["text"] = u.Transcript,
            ["emotion"] = u.Emotion,
            ["probabilities"] = Map(u.Probabilities),
            ["weights"] = Map(u.Weights),
            ["alert"] = u.Alert is null ? null : JsonSerializer.SerializeToNode(u.Alert, Web),
        }).ToArray());
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. Text a spreadsheet would run as a
    /// formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) gets a leading
    /// apostrophe, so it shows as the text it is.
    /// </summary>
    private static string Quote(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
