using System.Text;

namespace EmoStream.Inference.Corpora.Importers;

/// <summary>
/// An RFC 4180 reader: comma-separated fields, fields quoted with '"' may hold commas, CR/LF and doubled quotes
/// (""), records end at CRLF, LF or CR. Lenient where real exports are sloppy but never silently: a quote inside
/// an unquoted field, text after a closing quote or a quote left open at the end of the file marks the record
/// with an error and its starting line, and reading goes on with the next record.
/// </summary>
public static class CsvReader
{
    public static IEnumerable<CsvRow> Parse(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        string? error = null;
        var i = 0;
        var fieldStarted = false;

        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0 && !fieldStarted)
            {
                // A quoted field: read to the closing quote, which must be followed by a comma or the record end.
                var openLine = line;
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var q = text[i];
                    if (q == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        closed = true;
                        i++;
                        break;
                    }
                    if (q == '\n' || (q == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))) line++;
                    field.Append(q);
                    i++;
                }
                fieldStarted = true;
                if (!closed)
                {
                    error ??= $"a quoted field opened on line {openLine} is never closed";
                    break;
                }
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    error ??= $"unexpected '{text[i]}' after the closing quote of field {fields.Count + 1}";
                    // Keep the stray text with the field, as a reader that ignored quotes would.
                    while (i < text.Length && text[i] is not (',' or '\r' or '\n')) field.Append(text[i++]);
                }
                continue;
            }
            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    i++;
                    break;
                case '\r' or '\n':
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    fields.Add(field.ToString());
                    yield return new CsvRow(recordLine, fields.ToArray(), error);
                    fields.Clear();
                    field.Clear();
                    fieldStarted = false;
                    error = null;
                    line++;
                    recordLine = line;
                    break;
                case '"':
                    error ??= $"a quote inside unquoted field {fields.Count + 1}";
                    field.Append(c);
                    fieldStarted = true;
                    i++;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    i++;
                    break;
            }
        }
        if (fieldStarted || fields.Count > 0 || error is not null)
        {
            fields.Add(field.ToString());
            yield return new CsvRow(recordLine, fields.ToArray(), error);
        }
    }
}
