using System.Text;
using CsvHelper;

namespace EmoStream.Inference.Corpora.Importers;

/// <summary>
/// RFC 4180 records read by CsvHelper: comma-separated fields, fields quoted with '"' may hold commas, CR/LF and
/// doubled quotes (""), records end at CRLF, LF or CR. Lenient where real exports are sloppy but never silently: a
/// quote inside an unquoted field, text after a closing quote or a quote left open at the end of the file marks the
/// record with an error (CsvHelper recovers as a reader that ignored the quote would), and reading goes on with the
/// next record.
/// </summary>
public static class CsvReader
{
    public static IEnumerable<CsvRow> Parse(string text)
    {
        // Malformed records by the line they start on; CsvHelper reports them while it scans, before returning them.
        var problems = new Dictionary<long, CsvMalformedReason>();
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = false,
            TrimWhitespace = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = record => problems.TryAdd(record.LineNumber, record.Reason),
        };
        using var reader = CsvHelper.CsvReader.FromText(text, options);
        while (reader.Read())
        {
            var line = reader.LineNumber;
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = reader.GetString(i) ?? "";
            yield return new CsvRow((int)line, fields, problems.Remove(line, out var reason) ? Describe(reader, reason, line) : null);
        }
    }

    /// <summary>What is wrong, naming the field: the one whose raw text (as in the file) shows the problem.</summary>
    private static string Describe(CsvHelper.CsvReader reader, CsvMalformedReason reason, long line)
    {
        var field = 0;
        for (var i = 0; i < reader.FieldCount && field == 0; i++)
        {
            var raw = Encoding.UTF8.GetString(reader.GetRawSpan(i));
            var quoted = raw.StartsWith('"');
            if (reason == CsvMalformedReason.StrayQuote ? !quoted && raw.Contains('"') : quoted && (raw.Length < 2 || !raw.EndsWith('"'))) field = i + 1;
        }
        var which = field > 0 ? $" {field}" : "";
        return reason switch
        {
            CsvMalformedReason.StrayQuote => $"a quote inside unquoted field{which}",
            CsvMalformedReason.TextAfterClosingQuote => $"text after the closing quote of field{which}",
            CsvMalformedReason.UnterminatedQuote => $"quoted field{which} of the record on line {line} is never closed",
            _ => $"{reason} in field{which}",
        };
    }
}
