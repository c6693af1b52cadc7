using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EmoStream.Transcribe;

/// <summary>
/// Reads a transcript a user already has: WebVTT (speakers from voice tags, <c>&lt;v Agent&gt;</c>), SRT (no speakers),
/// or JSON (<c>[{"start": s, "end": s, "speaker": "name" (optional), "text": "…"}]</c>, times in seconds). The format is
/// told by the content: a <c>WEBVTT</c> header, a JSON array, else SRT. Errors name the file, the line and what was expected.
/// </summary>
public static partial class TranscriptFile
{
    /// <summary>Largest transcript read (a day of speech is a few MB).</summary>
    public const long MaxBytes = 16 << 20;

    /// <exception cref="TranscriptFormatException">The file is missing, too large, or malformed.</exception>
    public static IReadOnlyList<TranscriptSegment> Read(string path, string? name = null)
    {
        name ??= path;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new TranscriptFormatException($"{name}: no such file");
            if (info.Length > MaxBytes) throw new TranscriptFormatException($"{name}: {info.Length} bytes, over the limit of {MaxBytes} for a transcript");
            return Parse(File.ReadAllText(path, Encoding.UTF8), name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TranscriptFormatException($"{name}: could not be read ({e.Message})");
        }
    }

    /// <summary>Parses a transcript's text; <paramref name="name"/> names it in errors.</summary>
    public static IReadOnlyList<TranscriptSegment> Parse(string text, string name)
    {
        text = text.TrimStart('\uFEFF');
        var start = text.TrimStart();
        IReadOnlyList<TranscriptSegment> segments;
        if (start.StartsWith("WEBVTT", StringComparison.Ordinal)) segments = ParseCues(text, name, webVtt: true);
        else if (start.StartsWith('[')) segments = ParseJson(text, name);
        else if (start.Length == 0) throw new TranscriptFormatException($"{name}: empty; expected WebVTT, SRT or a JSON array of {{start, end, speaker?, text}}");
        else segments = ParseCues(text, name, webVtt: false);
        return segments;
    }

    /// <summary>WebVTT and SRT: blocks separated by blank lines, each an optional identifier, a timing line, then text lines.</summary>
    private static List<TranscriptSegment> ParseCues(string text, string name, bool webVtt)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var segments = new List<TranscriptSegment>();
        var i = webVtt ? SkipBlock(lines, 0) : 0; // the header block (WEBVTT and its header lines)
        while (i < lines.Length)
        {
            if (lines[i].Trim().Length == 0) { i++; continue; }
            if (webVtt && (lines[i].StartsWith("NOTE", StringComparison.Ordinal) || lines[i].StartsWith("STYLE", StringComparison.Ordinal)
                || lines[i].StartsWith("REGION", StringComparison.Ordinal)))
            {
                i = SkipBlock(lines, i);
                continue;
            }
            // The timing line is the first or (after an identifier) the second line of the block.
            if (!LooksLikeTiming().IsMatch(lines[i]) && i + 1 < lines.Length && lines[i + 1].Trim().Length > 0) i++;
            var timing = Timing().Match(lines[i]);
            if (!timing.Success)
                throw new TranscriptFormatException($"{name}, line {i + 1}: expected a cue timing such as " +
                    $"'{(webVtt ? "00:01:02.500 --> 00:01:04.000" : "00:01:02,500 --> 00:01:04,000")}', got '{Shorten(lines[i])}'");
            var cueStart = Seconds(timing.Groups["from"].Value, name, i);
            var cueEnd = Seconds(timing.Groups["to"].Value, name, i);
            if (cueEnd <= cueStart)
                throw new TranscriptFormatException($"{name}, line {i + 1}: the cue ends ({cueEnd:F3} s) before it starts ({cueStart:F3} s)");
            var body = new List<string>();
            for (i++; i < lines.Length && lines[i].Trim().Length > 0; i++) body.Add(lines[i]);
            var payload = string.Join(' ', body);
            string? speaker = null;
            if (webVtt && Voice().Match(payload) is { Success: true } voice) speaker = voice.Groups["name"].Value.Trim();
            var words = WebUtility.HtmlDecode(Tags().Replace(payload, "")).Trim();
            segments.Add(new TranscriptSegment(speaker is { Length: > 0 } ? speaker : null, cueStart, cueEnd, words));
        }
        return segments;
    }

    private static int SkipBlock(string[] lines, int i)
    {
        while (i < lines.Length && lines[i].Trim().Length > 0) i++;
        return i;
    }

    /// <summary>[hh:]mm:ss[.,]ttt</summary>
    private static double Seconds(string value, string name, int line)
    {
        var parts = value.Replace(',', '.').Split(':');
        double seconds = 0;
        foreach (var part in parts)
        {
            if (!double.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
                throw new TranscriptFormatException($"{name}, line {line + 1}: '{value}' is not a time such as 00:01:02.500");
            seconds = seconds * 60 + v;
        }
        return seconds;
    }

    private static List<TranscriptSegment> ParseJson(string text, string name)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var segments = new List<TranscriptSegment>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            reader.Read(); // '['
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var line = LineOf(bytes, reader.TokenStartIndex);
                var cue = segments.Count + 1;
                if (reader.TokenType != JsonTokenType.StartObject)
                    throw new TranscriptFormatException($"{name}, line {line}: cue {cue} is a JSON {reader.TokenType}, expected an object {{start, end, speaker?, text}}");
                var element = JsonElement.ParseValue(ref reader);
                segments.Add(Segment(element, $"{name}, line {line}: cue {cue}"));
            }
            if (reader.Read())
                throw new TranscriptFormatException($"{name}, line {LineOf(bytes, reader.TokenStartIndex)}: unexpected content after the array");
        }
        catch (JsonException e)
        {
            throw new TranscriptFormatException($"{name}, line {(e.LineNumber ?? 0) + 1}: not valid JSON ({e.Message.Split(" LineNumber:")[0].Split(" Path:")[0]})");
        }
        return segments;
    }

    private static TranscriptSegment Segment(JsonElement e, string where)
    {
        double Time(string property)
        {
            if (!e.TryGetProperty(property, out var v)) throw new TranscriptFormatException($"{where}: '{property}' is missing (seconds from the start)");
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var seconds) || seconds < 0 || !double.IsFinite(seconds))
                throw new TranscriptFormatException($"{where}: '{property}' is {v.GetRawText()}, expected a number of seconds, 0 or more");
            return seconds;
        }
        var start = Time("start");
        var end = Time("end");
        if (end <= start) throw new TranscriptFormatException($"{where}: 'end' ({end}) is not after 'start' ({start})");
        if (!e.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            throw new TranscriptFormatException($"{where}: 'text' is {(e.TryGetProperty("text", out var t) ? t.GetRawText() : "missing")}, expected a string");
        string? speaker = null;
        if (e.TryGetProperty("speaker", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            if (s.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(s.GetString()))
                throw new TranscriptFormatException($"{where}: 'speaker' is {s.GetRawText()}, expected a non-empty string or null");
            speaker = s.GetString()!.Trim();
        }
        return new TranscriptSegment(speaker, start, end, text.GetString()!.Trim());
    }

    /// <summary>One segment as an external recogniser sends it (a JSON object of the same shape as a JSON transcript's cues).</summary>
    /// <exception cref="TranscriptFormatException">Not such an object; the message names <paramref name="where"/>.</exception>
    public static TranscriptSegment ParseSegment(JsonElement element, string where) =>
        element.ValueKind == JsonValueKind.Object
            ? Segment(element, where)
            : throw new TranscriptFormatException($"{where}: a JSON {element.ValueKind}, expected an object {{start, end, speaker?, text}}");

    private static int LineOf(byte[] bytes, long index) => 1 + bytes.AsSpan(0, (int)index).Count((byte)'\n');

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..57] + "...";

    [GeneratedRegex(@"^\s*(?<from>(\d+:)?\d{1,2}:\d{1,2}[.,]\d{1,3})\s*-->\s*(?<to>(\d+:)?\d{1,2}:\d{1,2}[.,]\d{1,3})(\s|$)")]
    private static partial Regex Timing();

    /// <summary>A timing line, or an attempt at one (not a cue identifier).</summary>
    [GeneratedRegex(@"-->|^\s*\d+:\d")]
    private static partial Regex LooksLikeTiming();

    [GeneratedRegex(@"<v(\.[^ >]+)*\s+(?<name>[^>]+)>")]
    private static partial Regex Voice();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tags();
}
