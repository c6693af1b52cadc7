using EmoStream.Capture.Audio;
using EmoStream.Capture.Tests.Support;

namespace EmoStream.Sessions.Tests.Support;

/// <summary>
/// A conversation recording assembled from real speech clips: turns alternate between two speakers with a pause
/// of quiet noise between them, on one mixed channel or on one channel per speaker (a call recording).
/// </summary>
internal static class SpeechConversation
{
    private const int Rate = 16_000;

    /// <returns>The turns' (start, end) in seconds.</returns>
    public static IReadOnlyList<(double Start, double End)> Write(string path, IReadOnlyList<string> clips, bool channelPerSpeaker, double pauseSeconds = 1.0)
    {
        var audio = clips.Select(c => AudioFileReader.Default.Read16kMono(c)).ToArray();
        var pause = (int)(pauseSeconds * Rate);
        var total = pause + audio.Sum(a => a.Length + pause);
        var channels = Enumerable.Range(0, channelPerSpeaker ? 2 : 1).Select(_ => new float[total]).ToArray();
        var random = new Random(5);
        foreach (var channel in channels)
            for (var i = 0; i < total; i++) channel[i] = (float)((random.NextDouble() - 0.5) * 2e-4); // -80 dBFS room noise
        var turns = new List<(double, double)>();
        var at = pause;
        for (var i = 0; i < audio.Length; i++)
        {
            var channel = channels[channelPerSpeaker ? i % 2 : 0];
            for (var k = 0; k < audio[i].Length; k++) channel[at + k] += audio[i][k];
            turns.Add(((double)at / Rate, (double)(at + audio[i].Length) / Rate));
            at += audio[i].Length + pause;
        }
        WavWriter.Write(path, channels, Rate, WavEncoding.Int16);
        return turns;
    }
}
