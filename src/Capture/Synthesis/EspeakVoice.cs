namespace EmoStream.Capture.Synthesis;

/// <summary>An espeak-ng voice: language+variant (e.g. <c>en-us+m3</c>), speed in words per minute, pitch 0-99.</summary>
public sealed record EspeakVoice(string Name, int WordsPerMinute, int Pitch)
{
    private static readonly string[] Variants = ["m1", "m2", "m3", "m4", "m7", "f1", "f2", "f3", "f4", "f5"];
    private static readonly string[] Languages = ["en-us", "en-gb"];

    /// <summary>A voice for a speaker, the same every time for the same name, and different for most pairs of names.</summary>
    public static EspeakVoice For(string speaker)
    {
        var h = StableHash(speaker);
        return new EspeakVoice($"{Languages[h % Languages.Length]}+{Variants[(h / 2) % Variants.Length]}",
            140 + (int)(h / 20 % 50), 30 + (int)(h / 1000 % 40));
    }

    /// <summary>FNV-1a: string.GetHashCode differs between processes, and the voices must not.</summary>
    private static uint StableHash(string s)
    {
        var h = 2166136261u;
        foreach (var c in s) h = (h ^ c) * 16777619u;
        return h;
    }
}
