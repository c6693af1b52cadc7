using System.Text;
using EmoStream.Inference.Corpora.Importers;

namespace EmoStream.Inference.Tests.Corpora.Importers;

public sealed class CsvTableTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(byte[] bytes)
    {
        var path = Path.Combine(_dir, "t.csv");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Names_file_and_line_of_every_malformed_row_and_keeps_the_rest()
    {
        var path = Write(Encoding.UTF8.GetBytes("file,label\na.wav,happy\nb.wav\n\"c.wav,sad\nd.wav,sad,extra\n"));
        var log = new ImportLog();

        var table = CsvTable.Read(path, ["file"], log);

        Assert.Single(table.Rows);
        Assert.Equal("a.wav", table.Get(table.Rows[0], "FILE"));
        Assert.Equal(
            [$"{path}:3: malformed row skipped: expected 2 fields, got 1", $"{path}:4: malformed row skipped: quoted field 1 of the record on line 4 is never closed"],
            log.Issues.Select(i => i.ToString()));
    }

    [Fact]
    public void Refuses_a_file_without_a_required_column()
    {
        var path = Write(Encoding.UTF8.GetBytes("name,label\na,b\n"));

        var e = Assert.Throws<CorpusImportException>(() => CsvTable.Read(path, ["file", "label"], new ImportLog()));
        Assert.Equal(path, e.Path);
        Assert.Contains("missing column(s) file", e.Message);
        Assert.Contains("the header has name, label", e.Message);
    }

    [Fact]
    public void Reads_windows_1252_bytes_and_c1_characters_in_utf8_text_and_reports_them()
    {
        // A UTF-8 BOM, a real UTF-8 "’", a stray cp1252 0x92 byte and a U+0085 (cp1252 0x85 after a Latin-1 round trip).
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("text\nit\u2019s\n"))
            .Concat("you"u8.ToArray()).Concat(new byte[] { 0x92 }).Concat("re\n"u8.ToArray())
            .Concat(Encoding.UTF8.GetBytes("wait\u0085\n")).ToArray();
        var log = new ImportLog();

        var table = CsvTable.Read(Write(bytes), ["text"], log);

        Assert.Equal(["it\u2019s", "you\u2019re", "wait\u2026"], table.Rows.Select(r => table.Get(r, "text")));
        Assert.Equal("2 character(s) were not UTF-8 and were read as Windows-1252", Assert.Single(log.Issues).Problem);
    }
}
