namespace EmoStream.Inference.Features.Lexical;

/// <summary>
/// One token of an utterance: lower-case text for words, the plain digits (no grouping commas, '.' as the
/// decimal point) for numbers, the mark itself for punctuation.
/// </summary>
public readonly record struct LexicalToken(string Text, TokenKind Kind)
{
    public override string ToString() => Text;
}
