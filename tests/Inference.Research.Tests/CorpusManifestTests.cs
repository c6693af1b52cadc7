using EmoStream.Inference.Corpora;

namespace EmoStream.Inference.Tests;

public sealed class CorpusManifestTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-manifest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Round_trips_every_field()
    {
        var utterances = new[]
        {
            new CorpusUtterance("d1_0", "d1", 0, "A", "g1", "happy", "hi \"there\"", "wav/a.wav", 0.5, 1.25),
            new CorpusUtterance("d1_1", "d1", 1, "B", "g1", null, null, null, null, null),
        };
        CorpusManifest.Write(_dir, utterances);

        var read = CorpusManifest.Read(_dir);

        Assert.Equal(utterances, read);
    }

    [Fact]
    public void Reports_every_malformed_line_with_file_line_and_field()
    {
        File.WriteAllLines(Path.Combine(_dir, CorpusManifest.FileName),
        [
            """{"id":"a","dialogue":"d","turn":0,"speaker":"s","group":"g","label":"happy","text":null,"audio":null,"start":null,"end":null}""",
            """{"id":"b","dialogue":"d","turn":1,"speaker":"s","group":"g","label":"joy"}""",
            """{"id":"c","dialogue":"d","turn":"two","speaker":"s","group":"g"}""",
            """not json""",
            """{"id":"a","dialogue":"e","turn":0,"speaker":"s","group":"g"}""",
            """{"id":"f","dialogue":"d","turn":0,"speaker":"s","group":"g"}""",
            """{"id":"g","dialogue":"d","turn":3,"speaker":"s","group":"g","colour":"red"}""",
        ]);

        var e = Assert.Throws<CorpusManifestException>(() => CorpusManifest.Read(_dir));

        Assert.Equal([2, 3, 4, 5, 6, 7], e.Errors.Select(x => x.Line!.Value));
        Assert.Equal(["label", "turn", null, "id", "turn", "colour"], e.Errors.Select(x => x.Field));
        Assert.Contains("got 'joy'", e.Errors[0].Message);
        Assert.All(e.Errors, x => Assert.StartsWith(Path.Combine(_dir, CorpusManifest.FileName), x.Message));
    }

    [Fact]
    public void Missing_manifest_is_named()
    {
        var e = Assert.Throws<CorpusFormatException>(() => CorpusManifest.Read(_dir));
        Assert.Contains(CorpusManifest.FileName, e.Message);
    }

    [Fact]
    public void Dialogues_are_ordered_by_turn_and_belong_to_one_group()
    {
        var corpus = Corpus.FromUtterances(_dir,
        [
            new("x1", "x", 1, "A", "g", null, null, null, null, null),
            new("x0", "x", 0, "B", "g", null, null, null, null, null),
        ]);
        Assert.Equal(["x0", "x1"], corpus.Dialogues.Single().Utterances.Select(u => u.Id));

        Assert.Throws<CorpusFormatException>(() => Corpus.FromUtterances(_dir,
        [
            new("x0", "x", 0, "A", "g1", null, null, null, null, null),
            new("x1", "x", 1, "A", "g2", null, null, null, null, null),
        ]));
    }
}
