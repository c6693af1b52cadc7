using EmoStream.Transcribe.Audio;
using EmoStream.Transcribe.Tests.Speech;

namespace EmoStream.Transcribe.Bench;

/// <summary>The test sentences as espeak-ng speech, and figures over a run of transcripts.</summary>
public static class Utterances
{
    public static IReadOnlyList<(string Text, float[] Samples)> Load(int count) =>
        TestSentences.All.Take(count).Select(s => (s, SpeechSynthesizer.Speak(s))).ToList();

    public static double AudioSeconds(IEnumerable<(string Text, float[] Samples)> utterances) =>
        utterances.Sum(u => SpeechAudio.Duration(u.Samples.Length).TotalSeconds);

    public static string Latency(IReadOnlyList<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        return $"mean {sorted.Average() * 1000:F0} ms, median {sorted[sorted.Length / 2] * 1000:F0} ms, max {sorted[^1] * 1000:F0} ms";
    }
}
