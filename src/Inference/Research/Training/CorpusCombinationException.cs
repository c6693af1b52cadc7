namespace EmoStream.Inference.Training;

/// <summary>Corpora that cannot train one model together (the same utterance id twice, or one modality's features from different featurizers).</summary>
public sealed class CorpusCombinationException(string message) : Exception(message);
