using EmoStream.Capture.Audio;

namespace EmoStream.Capture.Bench;

/// <summary>Conversation-like 16 kHz audio for the benchmarks: corpus clips from ../shared/data with 1 s pauses, repeated to length.</summary>
internal static class SpeechAudioSample
{
    public static float[] Build(double seconds)
    {
        var data = FindData() ?? throw new InvalidOperationException("../shared/data (RAVDESS) is needed beside the repository for this benchmark");
        var clips = File.ReadLines(Path.Combine(data, "ravdess", "labels.csv")).Skip(1)
            .Where((_, i) => i % 29 == 0)
            .Select(line => AudioFileReader.Default.Read16kMono(Path.Combine(data, "ravdess", line.Split(',')[0])))
            .ToArray();
        var total = (int)(seconds * SpeechAudio.SampleRate);
        var audio = new float[total];
        var random = new Random(1);
        for (var i = 0; i < total; i++) audio[i] = (float)((random.NextDouble() - 0.5) * 0.002);
        for (int at = 0, c = 0; at < total; c++)
        {
            var clip = clips[c % clips.Length];
            var length = Math.Min(clip.Length, total - at);
            for (var i = 0; i < length; i++) audio[at + i] += clip[i] * 8; // corpus clips are quiet; bring them to speech level
            at += length + SpeechAudio.SampleRate;
        }
        return audio;
    }

    private static string? FindData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Streaming.sln")))
                return Directory.Exists(Path.Combine(dir.FullName, "..", "shared", "data", "ravdess")) ? Path.Combine(dir.FullName, "..", "shared", "data") : null;
        return null;
    }
}
