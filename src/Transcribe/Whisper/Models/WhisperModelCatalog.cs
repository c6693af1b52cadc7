namespace EmoStream.Transcribe.Whisper.Models;

/// <summary>
/// The official files <c>emostream models pull</c> can fetch. Only files whose size and SHA-256 were verified
/// are listed (docs: ENVIRONMENT.md); a model is added here together with its hash, never without.
/// </summary>
public static class WhisperModelCatalog
{
    public static IReadOnlyList<OfficialWhisperModel> Models { get; } =
    [
        new("tiny.en", 77_704_715, "921e4cf8686fdd993dcd081a5da5b6c365bfde1162e72b08d75ac75289920b1f"),
        new("tiny.en-q8_0", 43_550_795, "5bc2b3860aa151a4c6e7bb095e1fcce7cf12c7b020ca08dcec0c6d018bb7dd94"),
        new("base.en", 147_964_211, "a03779c86df3323075f5e796cb2ce5029f00ec8869eee3fdfb897afe36c6d002"),
    ];

    public static OfficialWhisperModel? Find(string name) =>
        Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}
