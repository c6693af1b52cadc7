namespace EmoStream.Inference.Tests.Features.Lexical;

/// <summary>Lexical tests share one <see cref="GloveFixture"/>: the vectors are loaded once per test run.</summary>
[CollectionDefinition(Name)]
public sealed class GloveCollection : ICollectionFixture<GloveFixture>
{
    public const string Name = "GloVe vectors";
}
