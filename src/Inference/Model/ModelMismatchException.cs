namespace EmoStream.Inference.Model;

/// <summary>A model file that cannot be used with the given features or by this version of EmoStream.</summary>
public sealed class ModelMismatchException(string message) : Exception(message);
