namespace EmoStream.Inference.Experiments;

/// <summary>A checkpoint file that cannot be read, or was written by an experiment with other settings.</summary>
public sealed class Table2CheckpointException(string message) : Exception(message);
