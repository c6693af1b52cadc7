namespace EmoStream.Capture.Tests.Support;

/// <summary>Speech made with espeak-ng, for checkouts without the shared corpora: two voices taking turns.</summary>
public static class SyntheticSpeech
{
    private static readonly string[] Sentences =
    [
        "I told you the order would arrive on Monday.",
        "Nobody called me back, and I waited all afternoon.",
        "That is wonderful news, thank you so much.",
        "Could you please check the account number again?",
        "I am really not happy with how this was handled.",
        "The weather was lovely at the coast last weekend.",
        "Let me put you on hold for a moment.",
        "We can send a replacement by express delivery.",
    ];

    private static readonly string[] Voices = ["en-us", "en-gb+f3"];

    private static readonly Lazy<string> Folder = new(() => Directory.CreateTempSubdirectory("emostream-espeak-").FullName);

    public static IReadOnlyList<string> Clips(int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var path = Path.Combine(Folder.Value, $"clip{i:000}.wav");
            if (!File.Exists(path))
                ExternalTool.Run("espeak-ng", "-v", Voices[i % 2], "-s", (140 + 7 * (i % 5)).ToString(), "-w", path, Sentences[i % Sentences.Length]);
            return path;
        }).ToArray();
}
