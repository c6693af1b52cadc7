namespace EmoStream.Inference.Features.Lexical;

/// <summary>A lexical featurizer name or id this build does not know, or a featurizer whose settings differ from the ones asked for.</summary>
public sealed class LexicalFeaturizerException(string message) : Exception(message);
