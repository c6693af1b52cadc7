namespace EmoStream.Sessions.Pipeline;

/// <summary>A pipeline setting that cannot work (a queue bound below 1, no model configured).</summary>
public sealed class PipelineConfigurationException(string message) : Exception(message);
