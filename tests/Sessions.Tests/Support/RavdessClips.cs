using System.Collections.Concurrent;
using System.Globalization;
using EmoStream.Capture.Tests.Support;
using EmoStream.Testing;

namespace EmoStream.Sessions.Tests.Support;

/// <summary>
/// Acted speech clips with the sentence each one says: RAVDESS from <c>../shared/data/ravdess/labels.csv</c> when the
/// shared corpora are there, else the same two sentences spoken by espeak-ng, one voice per actor and the emotion
/// acted with pitch, speed and loudness, so that every test that needs conversations runs on any clone.
/// </summary>
internal static class RavdessClips
{
    public sealed record Clip(string Path, string Actor, string Emotion, string Text);

    private static readonly Dictionary<string, string> Statements = new()
    {
        ["01"] = "Kids are talking by the door.",
        ["02"] = "Dogs are sitting by the door.",
    };

    /// <summary>The actor's clips in file order whose emotion is one of <paramref name="emotions"/>.</summary>
    public static IReadOnlyList<Clip> Of(string actor, IReadOnlyCollection<string> emotions, int count)
    {
        if (SharedData.Ravdess($"Actor_{actor}") is null) return Synthetic.Of(actor, emotions, count);
        var root = SharedData.Path("ravdess");
        return File.ReadLines(System.IO.Path.Combine(root, "labels.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Where(f => f[1] == actor && emotions.Contains(f[3]))
            .Select(f => new Clip(System.IO.Path.Combine(root, f[0]), f[1], f[3], Statements[f[5]]))
            .Take(count)
            .ToArray();
    }

    /// <summary>espeak-ng speech, made once per process and clip (tests run in parallel and share them).</summary>
    private static class Synthetic
    {
        private static readonly string[] Voices = ["en-us", "en-gb", "en-us+f3", "en-gb+f4", "en-us+m3", "en-gb+m4"];

        /// <summary>Acted emotions: pitch (0-99), words per minute, amplitude (0-200).</summary>
        private static readonly Dictionary<string, (int Pitch, int Speed, int Amplitude)> Acting = new()
        {
            ["neutral"] = (50, 150, 100),
            ["happy"] = (75, 175, 120),
            ["angry"] = (40, 190, 180),
            ["sad"] = (25, 115, 70),
        };

        private static readonly Lazy<string> Folder = new(() => Directory.CreateTempSubdirectory("emostream-acted-").FullName);
        private static readonly ConcurrentDictionary<string, Lazy<string>> Made = new();

        public static IReadOnlyList<Clip> Of(string actor, IReadOnlyCollection<string> emotions, int count)
        {
            var ordered = emotions.ToArray();
            return Enumerable.Range(0, count).Select(i =>
            {
                var emotion = ordered[i % ordered.Length];
                var statement = (i / ordered.Length % 2 + 1).ToString("00", CultureInfo.InvariantCulture);
                var name = $"{actor}-{emotion}-{statement}.wav";
                var path = Made.GetOrAdd(name, _ => new Lazy<string>(() => Speak(actor, emotion, Statements[statement], name))).Value;
                return new Clip(path, actor, emotion, Statements[statement]);
            }).ToArray();
        }

        private static string Speak(string actor, string emotion, string text, string name)
        {
            var path = System.IO.Path.Combine(Folder.Value, name);
            var voice = Voices[int.Parse(actor, CultureInfo.InvariantCulture) % Voices.Length];
            var (pitch, speed, amplitude) = Acting.GetValueOrDefault(emotion, Acting["neutral"]);
            ExternalTool.Run("espeak-ng", "-v", voice, "-p", pitch.ToString(CultureInfo.InvariantCulture), "-s", speed.ToString(CultureInfo.InvariantCulture),
                "-a", amplitude.ToString(CultureInfo.InvariantCulture), "-w", path, text);
            return path;
        }
    }
}
