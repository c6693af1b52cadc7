namespace EmoStream.Inference.Corpora.Importers;

/// <summary>
/// A CSV file with a header: well-formed rows by column name; malformed rows (quoting errors, a field count that
/// differs from the header's) are reported to the <see cref="ImportLog"/> with file and line and left out.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string path, IReadOnlyList<string> header, IReadOnlyList<CsvRow> rows)
    {
        Path = path;
        Columns = header;
        Rows = rows;
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++) _columns.TryAdd(header[i].Trim(), i);
    }

    public string Path { get; }
    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<CsvRow> Rows { get; }

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The field of <paramref name="column"/>, trimmed; "" where the table has no such column.</summary>
    public string Get(CsvRow row, string column) => _columns.TryGetValue(column, out var i) ? row.Fields[i].Trim() : "";

    /// <summary>A non-negative integer field, or false with the row reported as skipped.</summary>
    public bool TryGetInt(CsvRow row, string column, ImportLog log, out int value)
    {
        var text = Get(row, column);
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value)) return true;
        Skip(log, row, $"{column} '{text}' is not a non-negative integer");
        return false;
    }

    /// <summary>Reports <paramref name="row"/> as skipped, with this file and the row's line.</summary>
    public void Skip(ImportLog log, CsvRow row, string problem) => log.Add(Path, row.Line, "row skipped: " + problem);

    public static CsvTable Read(string path, IReadOnlyList<string> required, ImportLog log)
    {
        if (!File.Exists(path)) throw new CorpusImportException(path, "file does not exist");
        var text = Windows1252.ReadFile(path, out var repaired);
        if (repaired > 0) log.Add(path, null, $"{repaired} character(s) were not UTF-8 and were read as Windows-1252");
        using var records = CsvReader.Parse(text).GetEnumerator();
        if (!records.MoveNext()) throw new CorpusImportException(path, "empty file: expected a header line");
        var header = records.Current;
        if (header.Error is not null) throw new CorpusImportException(path, $"line {header.Line}: malformed header ({header.Error})");
        var table = new CsvTable(path, header.Fields, []);
        var missing = required.Where(c => !table.Has(c)).ToArray();
        if (missing.Length > 0)
            throw new CorpusImportException(path,
                $"missing column(s) {string.Join(", ", missing)} (expected {string.Join(", ", required)}; the header has {string.Join(", ", header.Fields)})");

        var rows = new List<CsvRow>();
        while (records.MoveNext())
        {
            var row = records.Current;
            if (row.Fields is [""] && row.Error is null) continue;
            if (row.Error is not null) log.Add(path, row.Line, $"malformed row skipped: {row.Error}");
            else if (row.Fields.Count != header.Fields.Count)
                log.Add(path, row.Line, $"malformed row skipped: expected {header.Fields.Count} fields, got {row.Fields.Count}");
            else rows.Add(row);
        }
        return new CsvTable(path, header.Fields, rows);
    }
}
