namespace EmoStream.Inference.Features.Lexical;

/// <summary>
/// The one place that builds lexical featurizers: by short name (<c>featurize --lexical</c>,
/// <c>Features:Lexical:Encoder</c>) or, for a saved model, from the <see cref="FeaturizerInfo"/> its metadata records.
/// </summary>
public static class LexicalFeaturizers
{
    /// <summary><see cref="SifLexicalFeaturizer"/>: SIF-weighted GloVe 6B 100-d.</summary>
    public const string GloveSif = "glove-sif";

    /// <summary><see cref="MiniLmLexicalFeaturizer"/>: the all-MiniLM-L6-v2 sentence encoder, 384-d.</summary>
    public const string MiniLm = "minilm";

    /// <summary>
    /// What <c>featurize</c> computes when neither <c>--lexical</c> nor <c>Features:Lexical:Encoder</c> says: the better
    /// of the two on MELD and EmoryNLP dev dialogues and on the paper's protocol (docs/lexical-features.md).
    /// </summary>
    public const string Default = MiniLm;

    public static IReadOnlyList<string> Names { get; } = [GloveSif, MiniLm];

    /// <summary>The featurizer named <paramref name="name"/> (a short name or a featurizer id such as <c>lexical/minilm@1</c>).</summary>
    /// <exception cref="LexicalFeaturizerException">The name is unknown.</exception>
    /// <exception cref="WordVectorsException">glove-sif's vectors are missing.</exception>
    public static ILexicalFeaturizer Create(string name, LexicalFeaturizerOptions? options = null)
    {
        options ??= new LexicalFeaturizerOptions();
        return name.Trim().ToLowerInvariant() switch
        {
            GloveSif or SifLexicalFeaturizer.FeaturizerId => SifLexicalFeaturizer.Create(options),
            MiniLm or MiniLmLexicalFeaturizer.FeaturizerId => new MiniLmLexicalFeaturizer(),
            _ => throw new LexicalFeaturizerException(
                $"unknown lexical featurizer '{name}'; this build computes {string.Join(" and ", Names.Select(n => $"'{n}'"))}"),
        };
    }

    /// <summary>The configured one: <see cref="LexicalFeaturizerOptions.Encoder"/>.</summary>
    public static ILexicalFeaturizer Create(LexicalFeaturizerOptions options) => Create(options.Encoder, options);

    /// <summary>
    /// Rebuilds the featurizer that made a model's (or a feature file's) lexical features, ready to use: a sentence
    /// encoder is loaded now, not on the first utterance. <paramref name="options"/> only locates resources (the
    /// GloVe folder) and must not change the numbers: a featurizer whose settings differ from <paramref name="info"/>
    /// is refused, never used with mismatched vectors.
    /// </summary>
    /// <exception cref="LexicalFeaturizerException">The id is not one this build computes, or the settings differ.</exception>
    /// <exception cref="WordVectorsException">glove-sif's vectors are missing.</exception>
    public static ILexicalFeaturizer Rebuild(FeaturizerInfo info, LexicalFeaturizerOptions? options = null)
    {
        if (info.Modality != Modality.Lexical)
            throw new LexicalFeaturizerException($"{info} is a {info.Modality.ToString().ToLowerInvariant()} featurizer, not a lexical one");
        ILexicalFeaturizer featurizer = info.Id switch
        {
            SifLexicalFeaturizer.FeaturizerId => SifLexicalFeaturizer.Create(options),
            MiniLmLexicalFeaturizer.FeaturizerId => new MiniLmLexicalFeaturizer(),
            _ => throw new LexicalFeaturizerException(
                $"lexical featurizer {info} is not one this build computes ({SifLexicalFeaturizer.FeaturizerId}, {MiniLmLexicalFeaturizer.FeaturizerId})"),
        };
        if (!featurizer.Info.SameAs(info))
            throw new LexicalFeaturizerException($"lexical features from {info} were asked for, but this build computes {featurizer.Info}");
        if (featurizer is MiniLmLexicalFeaturizer minilm) minilm.Load();
        return featurizer;
    }
}
