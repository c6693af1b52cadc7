using System.Globalization;

namespace EmoStream.Inference.Features.Lexical;

/// <summary>
/// Utterance vectors by smooth-inverse-frequency weighting (Arora, Liang and Ma, ICLR 2017) of GloVe 6B 100-d word
/// vectors: the mean of a / (a + p(w)) v_w over the tokens found in the vocabulary, minus its projection on the
/// common component. Numbers are spelled out, an unknown hyphenated word falls back to its parts, punctuation only
/// counts beside words, "i" and "a" (absent from this vocabulary) borrow "me" and "an". Text with no known word is
/// missing (null), never a zero vector. Thread-safe: <see cref="Extract"/> keeps no state between calls.
/// </summary>
public sealed class SifLexicalFeaturizer : ILexicalFeaturizer
{
    public const string FeaturizerId = "lexical/glove-sif@1";

    // The wink vocabulary has no one-letter words: "i" and "a", among the most common in dialogue, borrow the
    // vector of the nearest word that it has. Only used when the word itself is absent.
    private static readonly Dictionary<string, string> Substitutes = new(StringComparer.Ordinal) { ["i"] = "me", ["a"] = "an" };

    private readonly WordVectors _vectors;
    private readonly float[] _weights;
    private readonly float[]? _component;
    private readonly bool _punctuation;

    public SifLexicalFeaturizer(WordVectors vectors, LexicalFeaturizerOptions options)
    {
        if (options.SifA <= 0) throw new ArgumentOutOfRangeException(nameof(options), $"SifA must be positive, got {options.SifA}");
        _vectors = vectors;
        _punctuation = options.IncludePunctuation;
        var p = ZipfFrequencies.Probabilities(vectors.Count);
        _weights = p.Select(pw => (float)(options.SifA / (options.SifA + pw))).ToArray();
        if (options.RemoveCommonComponent)
            _component = CommonComponent.Fit(vectors, p, _weights, options.CommonComponentWords);
        var a = options.SifA.ToString("R", CultureInfo.InvariantCulture);
        var pc = options.RemoveCommonComponent ? $"unigram-top{Math.Min(options.CommonComponentWords, vectors.Count)}" : "none";
        Info = new FeaturizerInfo(FeaturizerId, Modality.Lexical, vectors.Dimension,
            $"vectors={vectors.Source};words={vectors.Count};sha256={vectors.ContentHash[..16]};tokenizer={LexicalTokenizer.Version};" +
            $"p=zipf-rank;a={a};pc={pc};substitutes=i:me,a:an;punctuation={(_punctuation ? "with-words" : "none")}");
    }

    /// <summary>Loads the vectors from <see cref="LexicalFeaturizerOptions.VectorsDirectory"/> (or the default <c>.cache/glove</c>).</summary>
    public static SifLexicalFeaturizer Create(LexicalFeaturizerOptions? options = null)
    {
        options ??= new LexicalFeaturizerOptions();
        var directory = options.VectorsDirectory ?? WordVectorStore.FindDefaultDirectory()
            ?? throw new WordVectorsException(WordVectorStore.DefaultRelativeDirectory,
                "no GloVe vectors found above the app or the working folder; run scripts/setup.sh");
        return new SifLexicalFeaturizer(WordVectorStore.Open(directory), options);
    }

    public FeaturizerInfo Info { get; }

    public float[]? Extract(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var sum = new float[_vectors.Dimension];
        int words = 0, used = 0;
        var ranks = new List<int>(4);
        foreach (var token in LexicalTokenizer.Tokenize(text))
        {
            ranks.Clear();
            Lookup(token, ranks);
            foreach (var rank in ranks) _vectors.AddScaled(rank, _weights[rank], sum);
            used += ranks.Count;
            if (token.Kind != TokenKind.Punctuation) words += ranks.Count;
        }
        if (words == 0) return null;

        for (var d = 0; d < sum.Length; d++) sum[d] /= used;
        if (_component is not null)
        {
            var dot = 0f;
            for (var d = 0; d < sum.Length; d++) dot += _component[d] * sum[d];
            for (var d = 0; d < sum.Length; d++) sum[d] -= dot * _component[d];
        }
        return sum;
    }

    /// <summary>
    /// Adds the vocabulary ranks <paramref name="token"/> contributes: the word itself, else its substitute, else the
    /// parts of a hyphenated word ("no-no-no", "state-of-the-art"); a number's spelled words; punctuation when enabled.
    /// </summary>
    public void Lookup(LexicalToken token, List<int> ranks)
    {
        switch (token.Kind)
        {
            case TokenKind.Word:
                if (TryRank(token.Text, out var rank)) ranks.Add(rank);
                else if (token.Text.Contains('-'))
                    foreach (var part in token.Text.Split('-', StringSplitOptions.RemoveEmptyEntries))
                        if (TryRank(part, out var partRank)) ranks.Add(partRank);
                break;
            case TokenKind.Number:
                foreach (var word in NumberWords.Spell(token.Text))
                    if (TryRank(word, out var numberRank)) ranks.Add(numberRank);
                break;
            case TokenKind.Punctuation when _punctuation:
                if (TryRank(token.Text, out var markRank)) ranks.Add(markRank);
                break;
        }
    }

    private bool TryRank(string word, out int rank)
    {
        rank = _vectors.RankOf(word);
        if (rank < 0 && Substitutes.TryGetValue(word, out var substitute)) rank = _vectors.RankOf(substitute);
        return rank >= 0;
    }
}
