namespace EmoStream.Inference.Features.Acoustic;

/// <summary>
/// A user asked for an acoustic feature set that does not exist, or stored features / a model name a set
/// whose version or settings this build does not compute. The message says what was asked and what exists.
/// </summary>
public sealed class AcousticFeatureSetException(string message) : Exception(message);
