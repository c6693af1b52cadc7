using EmoStream.Testing;
using EmoStream.Capture.Audio;

namespace EmoStream.Capture.Tests.Support;

/// <summary>
/// A conversation assembled from real speech clips with known gaps. Each clip is first cut to its speech,
/// defined independently of any detector under test as the first to the last voiced syllable (30 ms
/// frames within 35 dB of the clip's loudest, periodic (autocorrelation at least 0.7) at a pitch of 50 to
/// 400 Hz; stretches closer than
/// 300 ms joined, shorter than 100 ms ignored) - so the breaths, clicks and room noise the corpus files
/// hold around their sentences do not count as speech. Each is brought to a common speech level
/// (-26 dBFS RMS, as a telephone or an automatic gain control would: some corpus clips peak at -44 dBFS);
/// the gaps between clips are 0.8 to 2 s of background noise.
/// </summary>
public sealed class Conversation
{
    private Conversation(float[] samples, IReadOnlyList<(double Start, double End)> truth, IReadOnlyList<int> speakerOf)
    {
        Samples = samples;
        Truth = truth;
        SpeakerOf = speakerOf;
    }

    public float[] Samples { get; }

    /// <summary>True utterance bounds in seconds.</summary>
    public IReadOnlyList<(double Start, double End)> Truth { get; }

    /// <summary>Which of two speakers says each utterance (alternating).</summary>
    public IReadOnlyList<int> SpeakerOf { get; }

    public double Seconds => Samples.Length / 16_000.0;

    /// <summary>
    /// Clips of two alternating speakers: RAVDESS and EmoDB from the shared corpora, or, when a checkout has none
    /// beside it, espeak-ng speech of two voices (made once per test run).
    /// </summary>
    public static IReadOnlyList<string> SpeechClips(int count) =>
        SharedData.Directory is { } root && System.IO.Directory.Exists(Path.Combine(root, "ravdess")) && System.IO.Directory.Exists(Path.Combine(root, "emodb"))
            ? Clips(root, count)
            : SyntheticSpeech.Clips(count);

    /// <summary>Clips alternating between RAVDESS and EmoDB speakers, chosen deterministically.</summary>
    private static IReadOnlyList<string> Clips(string dataRoot, int count)
    {
        var ravdess = File.ReadLines(Path.Combine(dataRoot, "ravdess", "labels.csv")).Skip(1)
            .Select(line => Path.Combine(dataRoot, "ravdess", line.Split(',')[0])).ToArray();
        var emodb = File.ReadLines(Path.Combine(dataRoot, "emodb", "labels.csv")).Skip(1)
            .Select(line => Path.Combine(dataRoot, "emodb", line.Split(',')[0])).ToArray();
        return Enumerable.Range(0, count)
            .Select(i => i % 2 == 0 ? ravdess[(i * 37) % ravdess.Length] : emodb[(i * 23) % emodb.Length])
            .ToArray();
    }

    /// <param name="snrDb">Background noise level relative to the speech's mean power; null for a quiet room (-65 dBFS).</param>
    public static Conversation Assemble(IReadOnlyList<string> clips, double? snrDb, int seed)
    {
        var random = new Random(seed);
        var speech = clips.Select(path => TrimmedClips.GetOrAdd(path, p => TrimToSpeech(AudioFileReader.Default.Read16kMono(p)))).ToArray();
        var gaps = speech.Select(_ => 0.8 + 1.2 * random.NextDouble()).ToArray();
        var lead = 1.0;
        var total = (int)((lead + speech.Sum(s => s.Length / 16_000.0) + gaps.Sum()) * 16_000);
        var samples = new float[total];
        var truth = new List<(double, double)>();
        var at = (int)(lead * 16_000);
        for (var i = 0; i < speech.Length; i++)
        {
            speech[i].CopyTo(samples, at);
            truth.Add((at / 16_000.0, (at + speech[i].Length) / 16_000.0));
            at += speech[i].Length + (int)(gaps[i] * 16_000);
        }

        var speechPower = speech.Sum(s => s.Sum(x => (double)x * x)) / speech.Sum(s => s.Length);
        var noisePower = snrDb is { } snr ? speechPower / Math.Pow(10, snr / 10) : Math.Pow(10, -65 / 10.0);
        AddWhiteNoise(samples, Math.Sqrt(noisePower), random);
        return new Conversation(samples, truth, truth.Select((_, i) => i % 2).ToArray());
    }

    private const double SpeechLevelDbfs = -26;

    /// <summary>Clips already cut to their speech: several tests assemble conversations from the same ones.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, float[]> TrimmedClips = new();

    private static float[] TrimToSpeech(float[] clip)
    {
        const int hop = 160, window = 480;
        var frames = (clip.Length - window) / hop;
        var levels = Enumerable.Range(0, frames).Select(f => Signals.Rms(clip.AsSpan(f * hop, window))).ToArray();
        var loud = levels.Max() * Math.Pow(10, -35 / 20.0);
        var voiced = Enumerable.Range(0, frames)
            .Select(f => levels[f] >= loud && Periodicity(clip.AsSpan(f * hop, window)) >= 0.7)
            .ToArray();

        // Voiced frames closer than 300 ms form one stretch; stretches under 100 ms are not a syllable.
        var stretches = new List<(int First, int Last)>();
        for (var f = 0; f < frames; f++)
        {
            if (!voiced[f]) continue;
            if (stretches.Count > 0 && f - stretches[^1].Last <= 30) stretches[^1] = (stretches[^1].First, f);
            else stretches.Add((f, f));
        }
        var syllables = stretches.Where(s => s.Last - s.First + 1 >= 10).ToArray();
        var speech = clip[(syllables[0].First * hop)..(syllables[^1].Last * hop + window)];
        var gain = (float)(Math.Pow(10, SpeechLevelDbfs / 20) / Signals.Rms(speech));
        for (var i = 0; i < speech.Length; i++) speech[i] *= gain;
        return speech;
    }

    /// <summary>
    /// Height of the autocorrelation peak at a pitch period of 2.5 to 20 ms (400 to 50 Hz), looked for only after
    /// the autocorrelation first turns negative, so that low rumble and breath noise (correlated only over
    /// short lags) do not pass for voice: near 1 when voiced, low otherwise.
    /// </summary>
    private static double Periodicity(ReadOnlySpan<float> frame)
    {
        var best = 0.0;
        var pastFirstDip = false;
        for (var lag = 1; lag <= 320; lag++)
        {
            double xy = 0, xx = 0, yy = 0;
            for (var i = 0; i + lag < frame.Length; i++)
            {
                xy += frame[i] * frame[i + lag];
                xx += frame[i] * frame[i];
                yy += frame[i + lag] * frame[i + lag];
            }
            var r = xx > 0 && yy > 0 ? xy / Math.Sqrt(xx * yy) : 0;
            if (r < 0) pastFirstDip = true;
            if (pastFirstDip && lag >= 40) best = Math.Max(best, r);
        }
        return best;
    }

    private static void AddWhiteNoise(float[] samples, double rms, Random random)
    {
        // Gaussian by Box-Muller: white noise of the requested RMS.
        for (var i = 0; i < samples.Length; i++)
        {
            var u1 = 1 - random.NextDouble();
            var u2 = random.NextDouble();
            samples[i] += (float)(rms * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
    }
}
