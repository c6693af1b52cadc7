using EmoStream.Capture.Audio;
using EmoStream.Capture.Diarization;
using EmoStream.Testing;

namespace EmoStream.Capture.Tests.Support;

/// <summary>
/// Mono calls assembled from corpus speakers (RAVDESS actors, EmoDB speakers): turns go round the speakers in order
/// (one speaker: a monologue of such turns), each one to three of the speaker's clips cut to their speech (short
/// pauses between them), turns apart by 0 to 0.7 s, quiet noise under it all. The reference is the speech in each clip
/// (10 ms frames within 30 dB of the clip's loudest), pauses under 0.3 s bridged as NIST's scoring does.
/// </summary>
internal static class AssembledCalls
{
    public sealed record Call(float[] Samples, IReadOnlyList<SpeakerTurn> Reference, string Name);

    private const int Rate = 16000;

    /// <param name="actors">The speakers, in the order they take turns.</param>
    /// <param name="intensities">RAVDESS acts each emotion at <c>normal</c> and <c>strong</c> intensity.</param>
    public static Call Ravdess(IReadOnlyList<string> actors, int turns, int seed, IReadOnlyCollection<string> intensities)
    {
        var root = SharedData.Path("ravdess");
        var rows = File.ReadLines(Path.Combine(root, "labels.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        string[] Clips(string actor) => rows.Where(r => r[1] == actor && intensities.Contains(r[4])).Select(r => Path.Combine(root, r[0])).ToArray();
        return Assemble([.. actors.Select(Clips)], turns, seed, $"ravdess {string.Join('+', actors)}");
    }

    public static Call Emodb(string a, string b, int turns, int seed)
    {
        var root = SharedData.Path("emodb");
        var rows = File.ReadLines(Path.Combine(root, "labels.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        string[] Clips(string speaker) => rows.Where(r => r[1] == speaker).Select(r => Path.Combine(root, r[0])).ToArray();
        return Assemble([Clips(a), Clips(b)], turns, seed, $"emodb {a}+{b}");
    }

    private static Call Assemble(string[][] speakers, int turns, int seed, string name)
    {
        var random = new Random(seed);
        var samples = new List<float>();
        var reference = new List<SpeakerTurn>();
        void Silence(double seconds) => samples.AddRange(new float[(int)(seconds * Rate)]);
        Silence(0.5);
        for (var turn = 0; turn < turns; turn++)
        {
            var speaker = turn % speakers.Length;
            var clips = speakers[speaker];
            var count = random.Next(1, 4);
            for (var c = 0; c < count; c++)
            {
                if (c > 0) Silence(0.1 + 0.2 * random.NextDouble());
                var at = samples.Count / (double)Rate;
                var (audio, speech) = Speech(clips[random.Next(clips.Length)]);
                samples.AddRange(audio);
                foreach (var (from, to) in speech)
                {
                    var turnStart = at + from;
                    if (reference.Count > 0 && reference[^1].Speaker == speaker && turnStart - reference[^1].End < 0.3)
                        reference[^1] = reference[^1] with { End = at + to };
                    else reference.Add(new SpeakerTurn(turnStart, at + to, speaker));
                }
            }
            // A quarter of the turns follow at once (no pause to cut at), the others after up to 0.7 s.
            Silence(random.NextDouble() < 0.25 ? 0.02 : 0.7 * random.NextDouble());
        }
        Silence(0.5);
        var noise = new Random(seed + 1);
        var mixed = samples.Select(s => s + (float)(0.001 * (noise.NextDouble() * 2 - 1))).ToArray();
        return new Call(mixed, reference, name);
    }

    /// <summary>
    /// The clip at 16 kHz cut to its speech (from the first to the last 10 ms frame within 30 dB of its loudest, 50 ms
    /// kept either side), and where in it the speech frames lie.
    /// </summary>
    private static (float[] Audio, List<(double From, double To)> Speech) Speech(string path)
    {
        var audio = AudioFileReader.Default.Read16kMono(path);
        const int frame = Rate / 100;
        var energy = Enumerable.Range(0, audio.Length / frame)
            .Select(f => 10 * Math.Log10(audio.AsSpan(f * frame, frame).ToArray().Sum(x => (double)x * x) / frame + 1e-12)).ToArray();
        var loud = energy.Max();
        var first = Math.Max(0, Array.FindIndex(energy, e => e > loud - 30) - 5);
        var last = Math.Min(energy.Length - 1, Array.FindLastIndex(energy, e => e > loud - 30) + 5);
        var runs = new List<(double, double)>();
        for (var f = first; f <= last; f++)
        {
            if (energy[f] <= loud - 30) continue;
            var end = f;
            while (end <= last && energy[end] > loud - 30) end++;
            runs.Add(((f - first) * 0.01, (end - first) * 0.01));
            f = end;
        }
        return (audio[(first * frame)..((last + 1) * frame)], runs);
    }
}
