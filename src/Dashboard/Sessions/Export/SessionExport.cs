using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmoStream.Sessions.Corrections;
using EmoStream.Sessions.Metrics;
using EmoStream.Sessions.Storage;

namespace EmoStream.Sessions.Export;

/// <summary>
/// A session's utterances as CSV (one row per utterance, the correction in force beside the model's emotion, a column
/// per class and modality, the number of the alert it raised, extended or ended) or JSON (the shape
/// <c>emostream replay --json</c> writes), and its call metrics beside them.
/// </summary>
public static class SessionExport
{
    public static string Csv(IReadOnlyList<UtteranceRecord> utterances)
    {
        var classes = utterances.SelectMany(u => u.Probabilities.Keys).Distinct().ToArray();
        var modalities = utterances.SelectMany(u => u.Weights.Keys).Distinct().ToArray();
        var csv = new StringBuilder();
        csv.AppendJoin(',', ["index", "speaker", "start", "end", "emotion", "correction", "corrected_by", "corrected_utc",
            .. classes.Select(c => "p_" + c), .. modalities.Select(m => "w_" + m), "engine", "text", "alert"]);
        csv.Append("\r\n");
        foreach (var u in utterances)
        {
            var cells = new List<string>
            {
                u.Index.ToString(CultureInfo.InvariantCulture), Quote(u.Speaker), Number(u.Start), Number(u.End), Quote(u.Emotion),
                // Empty without a correction; a person's "none of these" is written out.
                Quote(u.Correction is { } c ? c.Emotion ?? SessionCorrections.NoneOfThese : ""), Quote(u.Correction?.Author ?? ""),
                Quote(u.Correction?.CreatedUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? ""),
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

    /// <summary>
    /// An array in index order, one object per utterance with keys <c>speaker</c>, <c>start</c>, <c>end</c>, <c>text</c>,
    /// <c>emotion</c> (the model's), <c>correction</c> (the one in force, <c>{emotion, author, createdUtc}</c> with a null
    /// emotion for "none of these", or null), <c>probabilities</c>, <c>weights</c>, <c>alert</c> (the alert it raised,
    /// extended or ended, as it stands after it, or null).
    /// </summary>
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
            ["correction"] = u.Correction is null ? null : JsonSerializer.SerializeToNode(u.Correction, Web),
            ["probabilities"] = Map(u.Probabilities),
            ["weights"] = Map(u.Weights),
            ["alert"] = u.Alert is null ? null : JsonSerializer.SerializeToNode(u.Alert, Web),
        }).ToArray());
    }

    /// <summary>The session's JSON export: <c>{metrics, utterances}</c>, <c>utterances</c> as <see cref="Json"/> writes them.</summary>
    public static JsonObject Document(IReadOnlyList<UtteranceRecord> utterances, CallMetrics metrics) => new()
    {
        ["metrics"] = JsonSerializer.SerializeToNode(metrics, Web),
        ["utterances"] = Json(utterances),
    };

    /// <summary>
    /// The call metrics as CSV: a row with <c>scope</c> <c>call</c> for the whole call, then one row per speaker
    /// (<c>scope</c> <c>speaker</c>); empty cells where a figure does not apply (overlaps on one channel, rate without text).
    /// </summary>
    public static string MetricsCsv(CallMetrics metrics)
    {
        var emotions = metrics.EmotionShare.Keys.Union(metrics.Speakers.SelectMany(s => s.EmotionShare.Keys)).Order(StringComparer.Ordinal).ToArray();
        var csv = new StringBuilder();
        csv.AppendJoin(',', ["scope", "speaker", "utterances", "duration", "talk_time", "talk_share", "silence_share", "overlap_time", "interruptions",
            "interrupted", "words", "words_per_minute", .. emotions.Select(e => "share_" + e), "longest_negative_run", "longest_negative_run_seconds"]);
        csv.Append("\r\n");
        void Row(string scope, string speaker, int utterances, double talk, double talkShare, double silence, double? overlap, int? interruptions,
            int? interrupted, int words, double? rate, IReadOnlyDictionary<string, double> shares, NegativeRun? run)
        {
            csv.AppendJoin(',', [scope, Quote(speaker), utterances.ToString(CultureInfo.InvariantCulture), Number(metrics.Duration), Number(talk),
                Number(talkShare), Number(silence), Optional(overlap), Optional(interruptions), Optional(interrupted),
                words.ToString(CultureInfo.InvariantCulture), Optional(rate), .. emotions.Select(e => Number(shares.GetValueOrDefault(e))),
                Optional(run?.Utterances), Optional(run?.Seconds)]);
            csv.Append("\r\n");
        }
        Row("call", "", metrics.Speakers.Sum(s => s.Utterances), metrics.TalkTime, metrics.TalkTime > 0 ? 1 : 0, metrics.SilenceShare, metrics.OverlapTime,
            metrics.Interruptions, metrics.Interruptions, metrics.Words, metrics.WordsPerMinute, metrics.EmotionShare, metrics.LongestNegativeRun);
        foreach (var s in metrics.Speakers)
            Row("speaker", s.Speaker, s.Utterances, s.TalkTime, s.TalkShare, s.SilenceShare, s.OverlapTime, s.Interruptions, s.Interrupted, s.Words,
                s.WordsPerMinute, s.EmotionShare, s.LongestNegativeRun);
        return csv.ToString();
    }

    private static string Optional(double? value) => value is { } v ? Number(v) : "";

    private static string Optional(int? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "";

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
