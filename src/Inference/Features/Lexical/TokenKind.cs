namespace EmoStream.Inference.Features.Lexical;

/// <summary>What a token is; the featurizer treats each kind differently (numbers are spelled, punctuation only accompanies words).</summary>
public enum TokenKind
{
    Word,
    Number,
    Punctuation,
}
