namespace EmoStream.Transcribe.Whisper.Models;

/// <summary>A ggml file in the model folder and what checking it found.</summary>
/// <param name="Official">The catalog entry of the same name, if any.</param>
/// <param name="Problem">Why the file is unusable (structure, size or hash), or null when it is fine.</param>
/// <param name="HashVerified">True when the file's SHA-256 matched the official one (computed only by verify).</param>
public sealed record LocalWhisperModel(string Name, string Path, long Bytes, OfficialWhisperModel? Official, string? Problem, bool HashVerified);
