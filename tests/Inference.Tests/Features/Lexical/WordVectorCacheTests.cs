using EmoStream.Inference.Features.Lexical;

namespace EmoStream.Inference.Tests.Features.Lexical;

public sealed class WordVectorCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-wordvectors-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // The layout of the wink package: vectors carry their norm and their index in "words" after the values.
    private const string WinkJson = """
        {"precision":8,"l2NormIndex":3,"wordIndex":4,"size":3,"dimensions":3,
         "words":["the","cat","naïve"],
         "vectors":{"cat":[0.5,-1.25,2,2.4,1],"the":[0.1,0.2,0.3,0.37,0],"naïve":[-3,0,1e-3,3,2]},
         "unkVector":[0,0,0,0,0]}
        """;

    private string WriteJson(string json)
    {
        var path = Path.Combine(_dir, WordVectorStore.JsonFileName);
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Converts_the_wink_json_by_word_index()
    {
        var v = WinkEmbeddingsConverter.Convert(WriteJson(WinkJson));

        Assert.Equal(["the", "cat", "naïve"], v.Words);
        Assert.Equal(3, v.Dimension);
        Assert.Equal(1, v.RankOf("cat"));
        Assert.Equal([0.5f, -1.25f, 2f], v.Row(1).ToArray().Select(h => (float)h));
        Assert.Equal(-3f, (float)v.Row(2)[0]);
        Assert.Equal(64, v.ContentHash.Length);
    }

    [Fact]
    public void Round_trips_through_the_binary_cache()
    {
        var v = WinkEmbeddingsConverter.Convert(WriteJson(WinkJson));
        var path = Path.Combine(_dir, "v" + WordVectorCache.Extension);

        WordVectorCache.Write(path, v);
        var read = WordVectorCache.Read(path);

        Assert.Equal(v.Words, read.Words);
        Assert.Equal(v.Source, read.Source);
        Assert.Equal(v.ContentHash, read.ContentHash);
        for (var r = 0; r < v.Count; r++) Assert.Equal(v.Row(r).ToArray(), read.Row(r).ToArray());
    }

    [Fact]
    public void Names_the_file_of_a_truncated_cache()
    {
        var path = Path.Combine(_dir, "v" + WordVectorCache.Extension);
        WordVectorCache.Write(path, WinkEmbeddingsConverter.Convert(WriteJson(WinkJson)));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^4]);

        var e = Assert.Throws<WordVectorsException>(() => WordVectorCache.Read(path));
        Assert.Equal(path, e.Path);
        Assert.Contains("expected 18 bytes of vectors", e.Message);
    }

    [Theory]
    [InlineData("\"cat\":[0.5,-1.25,2,2.4,1]", "\"cat\":[0.5,-1.25,2.4,1]", "vector of 'cat' has 4 values, expected 5")]
    [InlineData("\"cat\":[0.5,-1.25,2,2.4,1]", "\"cat\":[0.5,-1.25,2,2.4,7]", "vector of 'cat' has index 7")]
    [InlineData("\"cat\":[0.5,-1.25,2,2.4,1]", "\"kat\":[0.5,-1.25,2,2.4,1]", "vector 'kat' claims index 1, which 'words' gives to 'cat'")]
    [InlineData("\"cat\":[0.5,-1.25,2,2.4,1]", "\"cat\":[0.5,-1.25,2,2.4,0]", "vector of 'the' repeats index 0")]
    [InlineData("\"size\":3", "\"size\":4", "'size' says 4 words, 'words' has 3")]
    [InlineData("\"unkVector\":[0,0,0,0,0]}", "\"unkVector\":[0,0,0,0,0]", "not valid JSON")]
    public void Refuses_a_malformed_json_naming_the_problem(string from, string to, string problem)
    {
        var path = WriteJson(WinkJson.Replace(from, to, StringComparison.Ordinal));

        var e = Assert.Throws<WordVectorsException>(() => WinkEmbeddingsConverter.Convert(path));
        Assert.Equal(path, e.Path);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Store_converts_once_then_reads_the_cache()
    {
        WriteJson(WinkJson);

        var first = WordVectorStore.Open(_dir);
        var cache = Path.Combine(_dir, WordVectorStore.CacheFileName);
        Assert.True(File.Exists(cache));
        File.Delete(Path.Combine(_dir, WordVectorStore.JsonFileName));

        Assert.Equal(first.ContentHash, WordVectorCache.Read(cache).ContentHash);
        Assert.Same(first, WordVectorStore.Open(_dir));
    }

    [Fact]
    public void Store_rebuilds_a_stale_cache_from_the_json()
    {
        WriteJson(WinkJson);
        var cache = Path.Combine(_dir, WordVectorStore.CacheFileName);
        File.WriteAllBytes(cache, "EMWV\u0009\u0000"u8.ToArray());

        var vectors = WordVectorStore.Open(_dir);

        Assert.Equal(["the", "cat", "naïve"], vectors.Words);
        Assert.Equal(vectors.ContentHash, WordVectorCache.Read(cache).ContentHash);
    }

    [Fact]
    public void Store_says_how_to_fetch_absent_vectors()
    {
        var e = Assert.Throws<WordVectorsException>(() => WordVectorStore.Open(Path.Combine(_dir, "empty")));
        Assert.Contains("scripts/setup.sh", e.Message);
    }
}
