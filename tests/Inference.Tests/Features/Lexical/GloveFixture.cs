using EmoStream.Inference.Features.Lexical;

namespace EmoStream.Inference.Tests.Features.Lexical;

/// <summary>
/// The real GloVe vectors that scripts/setup.d/10-glove.sh places in .cache/glove, loaded once for all lexical
/// tests (converting the JSON into the binary cache the first time). Tests skip, naming why, when they are absent.
/// </summary>
public sealed class GloveFixture
{
    public GloveFixture()
    {
        Directory = WordVectorStore.FindDefaultDirectory();
        if (Directory is null) return;
        Vectors = WordVectorStore.Open(Directory);
        Featurizer = new SifLexicalFeaturizer(Vectors, new LexicalFeaturizerOptions());
    }

    public string? Directory { get; }
    public WordVectors? Vectors { get; }
    public SifLexicalFeaturizer? Featurizer { get; }

    public const string AbsentReason =
        "GloVe vectors absent: no .cache/glove above the test folder; run scripts/setup.sh (setup.d/10-glove.sh) to fetch them";

    public void SkipIfAbsent() => Skip.If(Directory is null, AbsentReason);
}
