namespace EmoStream.Capture;

/// <summary>A capture setting that cannot work as given (a model file that is not there, an impossible option value).</summary>
public sealed class CaptureConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
