using EmoStream.Inference.Corpora;
using EmoStream.Inference.Features;

namespace EmoStream.Inference.Tests;

public sealed class FeatureFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-features-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static FeatureSet Sample()
    {
        var set = new FeatureSet(new FeaturizerInfo("lexical/glove-sif@1", Modality.Lexical, 3, "a=1e-3"));
        set.Add("u1", [1f, -2.5f, 3e-7f]);
        set.Add("u2", null);
        set.Add("u3", [0f, 0f, float.MaxValue]);
        return set;
    }

    [Fact]
    public void Round_trips_vectors_missing_marks_and_header()
    {
        var store = new FeatureStore(_dir);
        store.Save(Sample());

        var read = store.Find(Modality.Lexical)!;

        Assert.True(read.Info.SameAs(Sample().Info));
        Assert.Equal(Sample().Entries.Select(e => e.Id), read.Entries.Select(e => e.Id));
        Assert.True(read.TryGet("u2", out var missing));
        Assert.Null(missing);
        Assert.True(read.TryGet("u3", out var v3));
        Assert.Equal(float.MaxValue, v3![2]);
        Assert.Null(store.Find(Modality.Acoustic));
    }

    [Fact]
    public void Truncated_file_is_reported_by_name()
    {
        var path = Path.Combine(_dir, "x.emsf");
        FeatureFile.Write(path, Sample());
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^5]);

        var e = Assert.Throws<CorpusFormatException>(() => FeatureFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Wrong_dimension_is_refused()
    {
        var set = new FeatureSet(new FeaturizerInfo("a@1", Modality.Acoustic, 2, ""));
        var e = Assert.Throws<ArgumentException>(() => set.Add("u", [1f, 2f, 3f]));
        Assert.Contains("expected 2", e.Message);
    }
}
