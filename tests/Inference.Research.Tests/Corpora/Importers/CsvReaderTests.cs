using EmoStream.Inference.Corpora.Importers;

namespace EmoStream.Inference.Tests.Corpora.Importers;

public sealed class CsvReaderTests
{
    private static CsvRow[] Parse(string text) => CsvReader.Parse(text).ToArray();

    [Fact]
    public void Reads_plain_records_with_lf_crlf_and_cr_endings()
    {
        var rows = Parse("a,b,c\r\n1,2,3\n4,,6\r7,8,9");

        Assert.Equal([["a", "b", "c"], ["1", "2", "3"], ["4", "", "6"], ["7", "8", "9"]], rows.Select(r => r.Fields.ToArray()));
        Assert.Equal([1, 2, 3, 4], rows.Select(r => r.Line));
        Assert.All(rows, r => Assert.Null(r.Error));
    }

    [Fact]
    public void Reads_quoted_commas_doubled_quotes_and_newlines_counting_lines()
    {
        var rows = Parse("text,n\n\"Hi, you\",1\n\"She said \"\"no\"\"\",2\n\"two\nlines\r\nhere\",3\n\"\",4\n");

        Assert.Equal(["Hi, you", "1"], rows[1].Fields);
        Assert.Equal(["She said \"no\"", "2"], rows[2].Fields);
        Assert.Equal(["two\nlines\r\nhere", "3"], rows[3].Fields);
        Assert.Equal(["", "4"], rows[4].Fields);
        Assert.Equal([1, 2, 3, 4, 7], rows.Select(r => r.Line));
        Assert.Equal(5, rows.Length);
    }

    [Fact]
    public void Keeps_a_trailing_empty_field_and_ignores_a_final_newline()
    {
        var rows = Parse("a,\n,b\n");

        Assert.Equal([["a", ""], ["", "b"]], rows.Select(r => r.Fields.ToArray()));
    }

    [Fact]
    public void Marks_malformed_records_with_their_line_and_reads_on()
    {
        var rows = Parse("h1,h2\nab\"c,1\n\"x\"y,2\nfine,3\n\"open,4\nnever closed");

        Assert.Equal("a quote inside unquoted field 1", rows[1].Error);
        Assert.Equal(2, rows[1].Line);
        Assert.Equal("text after the closing quote of field 1", rows[2].Error);
        Assert.Equal(["xy", "2"], rows[2].Fields);
        Assert.Null(rows[3].Error);
        Assert.Equal(["fine", "3"], rows[3].Fields);
        Assert.Equal("quoted field 1 of the record on line 5 is never closed", rows[4].Error);
        Assert.Equal(5, rows[4].Line);
    }

    [Fact]
    public void Gives_nothing_for_empty_text() => Assert.Empty(Parse(""));
}
