namespace EmoStream.Inference.Corpora.Importers;

/// <summary>
/// One record of a CSV file: <paramref name="Line"/> is the 1-based line it starts on (a quoted field may span
/// lines); <paramref name="Error"/> says why the record is malformed (its fields are then what could be read).
/// </summary>
public sealed record CsvRow(int Line, IReadOnlyList<string> Fields, string? Error);
