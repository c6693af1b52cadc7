namespace EmoStream.Transcribe.Whisper.Models;

/// <summary>What a structurally valid ggml Whisper model file holds.</summary>
public sealed record WhisperModelInfo(string Path, long Bytes, WhisperHyperParameters HyperParameters, int VocabularyEntries, int TensorCount);
