using System.Text;
using System.Text.Json;

namespace EmoStream.Inference.Corpora;

/// <summary>Reads and writes <c>manifest.jsonl</c>, validating every field; errors name file, line and field.</summary>
public static class CorpusManifest
{
    public const string FileName = "manifest.jsonl";

    private static readonly string[] Fields = ["id", "dialogue", "turn", "speaker", "group", "label", "text", "audio", "start", "end"];

    /// <summary>Reads every line; collects all problems and throws one <see cref="CorpusManifestException"/> listing them.</summary>
    public static IReadOnlyList<CorpusUtterance> Read(string corpusDirectory)
    {
        var path = Path.Combine(corpusDirectory, FileName);
        if (!Directory.Exists(corpusDirectory))
            throw new CorpusFormatException(corpusDirectory, null, null, "corpus folder does not exist");
        if (!System.IO.File.Exists(path))
            throw new CorpusFormatException(path, null, null, $"no {FileName} in the corpus folder");

        var utterances = new List<CorpusUtterance>();
        var errors = new List<CorpusFormatException>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var turns = new Dictionary<(string Dialogue, int Turn), int>();
        var lineNumber = 0;
        foreach (var line in System.IO.File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                var u = ParseLine(path, lineNumber, line);
                if (ids.TryGetValue(u.Id, out var firstLine))
                    throw new CorpusFormatException(path, lineNumber, "id", $"'{u.Id}' already used on line {firstLine}");
                if (turns.TryGetValue((u.Dialogue, u.Turn), out var turnLine))
                    throw new CorpusFormatException(path, lineNumber, "turn", $"dialogue '{u.Dialogue}' already has turn {u.Turn} on line {turnLine}");
                ids[u.Id] = lineNumber;
                turns[(u.Dialogue, u.Turn)] = lineNumber;
                utterances.Add(u);
            }
            catch (CorpusFormatException e)
            {
                errors.Add(e);
            }
        }
        if (errors.Count > 0) throw new CorpusManifestException(path, errors);
        if (utterances.Count == 0) throw new CorpusFormatException(path, null, null, "the manifest has no utterances");
        return utterances;
    }

    public static void Write(string corpusDirectory, IEnumerable<CorpusUtterance> utterances)
    {
        Directory.CreateDirectory(corpusDirectory);
        var path = Path.Combine(corpusDirectory, FileName);
        var tmp = path + ".tmp";
        using (var stream = System.IO.File.Create(tmp))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            foreach (var u in utterances)
            {
                writer.Reset(stream);
                writer.WriteStartObject();
                writer.WriteString("id", u.Id);
                writer.WriteString("dialogue", u.Dialogue);
                writer.WriteNumber("turn", u.Turn);
                writer.WriteString("speaker", u.Speaker);
                writer.WriteString("group", u.Group);
                WriteNullable(writer, "label", u.Label);
                WriteNullable(writer, "text", u.Text);
                WriteNullable(writer, "audio", u.Audio);
                WriteNullable(writer, "start", u.Start);
                WriteNullable(writer, "end", u.End);
                writer.WriteEndObject();
                writer.Flush();
                stream.WriteByte((byte)'\n');
            }
        }
        System.IO.File.Move(tmp, path, overwrite: true);
    }

    internal static CorpusUtterance ParseLine(string path, int lineNumber, string line)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(line); }
        catch (JsonException e) { throw new CorpusFormatException(path, lineNumber, null, $"not valid JSON ({e.Message})"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new CorpusFormatException(path, lineNumber, null, $"expected a JSON object, got {root.ValueKind}");
            foreach (var p in root.EnumerateObject())
                if (!Fields.Contains(p.Name))
                    throw new CorpusFormatException(path, lineNumber, p.Name, $"unknown field (expected one of {string.Join(", ", Fields)})");

            string RequiredString(string name)
            {
                if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
                    throw new CorpusFormatException(path, lineNumber, name, "missing (required)");
                if (v.ValueKind != JsonValueKind.String)
                    throw new CorpusFormatException(path, lineNumber, name, $"expected a string, got {v.ValueKind}");
                var s = v.GetString()!;
                if (s.Length == 0) throw new CorpusFormatException(path, lineNumber, name, "empty string");
                return s;
            }
            string? OptionalString(string name)
            {
                if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
                if (v.ValueKind != JsonValueKind.String)
                    throw new CorpusFormatException(path, lineNumber, name, $"expected a string or null, got {v.ValueKind}");
                return v.GetString();
            }
            double? OptionalSeconds(string name)
            {
                if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d) || d < 0)
                    throw new CorpusFormatException(path, lineNumber, name, $"expected non-negative seconds or null, got {v.GetRawText()}");
                return d;
            }

            var id = RequiredString("id");
            var dialogue = RequiredString("dialogue");
            if (!root.TryGetProperty("turn", out var turnElement) || turnElement.ValueKind == JsonValueKind.Null)
                throw new CorpusFormatException(path, lineNumber, "turn", "missing (required)");
            if (turnElement.ValueKind != JsonValueKind.Number || !turnElement.TryGetInt32(out var turn) || turn < 0)
                throw new CorpusFormatException(path, lineNumber, "turn", $"expected a non-negative integer, got {turnElement.GetRawText()}");
            var speaker = RequiredString("speaker");
            var group = RequiredString("group");
            var label = OptionalString("label");
            if (label is not null && !EmotionClasses.IsKnown(label))
                throw new CorpusFormatException(path, lineNumber, "label",
                    $"expected one of {string.Join(", ", EmotionClasses.All)} or null, got '{label}'");
            var text = OptionalString("text");
            var audio = OptionalString("audio");
            if (audio is not null && (audio.Length == 0 || Path.IsPathRooted(audio)))
                throw new CorpusFormatException(path, lineNumber, "audio", $"expected a path relative to the corpus folder, got '{audio}'");
            var start = OptionalSeconds("start");
            var end = OptionalSeconds("end");
            if (start is not null && end is not null && end < start)
                throw new CorpusFormatException(path, lineNumber, "end", $"end {end} is before start {start}");
            return new CorpusUtterance(id, dialogue, turn, speaker, group, label, text, audio, start, end);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteString(name, value);
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is null) w.WriteNull(name); else w.WriteNumber(name, Math.Round(value.Value, 4));
    }
}
