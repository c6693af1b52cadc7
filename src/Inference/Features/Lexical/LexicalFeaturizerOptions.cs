namespace EmoStream.Inference.Features.Lexical;

/// <summary>
/// Configuration section <c>Features:Lexical</c>: which lexical featurizer <c>featurize</c> uses by default
/// (<see cref="Encoder"/>) and the settings of <see cref="SifLexicalFeaturizer"/>; every setting that changes the
/// numbers is recorded in the featurizer's <see cref="FeaturizerInfo.Settings"/>. <see cref="MiniLmLexicalFeaturizer"/>
/// has no settings.
/// </summary>
public sealed class LexicalFeaturizerOptions
{
    /// <summary>The featurizer <c>featurize</c> computes when <c>--lexical</c> is not given: one of <see cref="LexicalFeaturizers.Names"/>.</summary>
    public string Encoder { get; set; } = LexicalFeaturizers.Default;

    /// <summary>Folder of the GloVe cache (or its JSON); null looks for <c>.cache/glove</c> above the app and the working folder.</summary>
    public string? VectorsDirectory { get; set; }

    /// <summary>SIF's smoothing a in a / (a + p(w)): Arora et al. (2017) found 1e-4 to 1e-3 best.</summary>
    public double SifA { get; set; } = 1e-3;

    /// <summary>Subtract the projection on the first principal component (SIF's common-component removal).</summary>
    public bool RemoveCommonComponent { get; set; } = true;

    /// <summary>How many of the most frequent words the common component is fitted on.</summary>
    public int CommonComponentWords { get; set; } = 50_000;

    /// <summary>Let punctuation (! ? ...) that accompanies words into the mean; punctuation alone is still missing text.</summary>
    public bool IncludePunctuation { get; set; } = true;
}
