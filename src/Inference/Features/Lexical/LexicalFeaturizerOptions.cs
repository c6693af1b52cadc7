namespace EmoStream.Inference.Features.Lexical;

/// <summary>Settings of <see cref="SifLexicalFeaturizer"/>; every one that changes the numbers is recorded in its <see cref="FeaturizerInfo.Settings"/>.</summary>
public sealed class LexicalFeaturizerOptions
{
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
