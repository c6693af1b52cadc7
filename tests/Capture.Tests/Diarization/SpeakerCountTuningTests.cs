using EmoStream.Capture.Diarization;
using EmoStream.Capture.Tests.Support;
using EmoStream.Testing;
using Xunit.Abstractions;

namespace EmoStream.Capture.Tests.Diarization;

/// <summary>
/// How the automatic speaker count's settings were chosen and checked (docs/RESULTS.md#automatic-speaker-count): cross-validated
/// on RAVDESS actors 1–12 only (a space learnt on six, calls of the other six counted, then swapped), and checked on
/// calls it was not tuned for: EmoDB pairs and a 44-minute call (about 30 s; the figures:
/// <c>dotnet test tests/Capture.Tests -c Release --filter SpeakerCountTuningTests --logger "console;verbosity=detailed"</c>).
/// </summary>
public sealed class SpeakerCountTuningTests(ITestOutputHelper output)
{
    private static readonly string[] Normal = ["normal"];
    private static readonly double[] Thresholds = [-12, -10, -9, -8, -7, -6, -5, -4, -3, -2];
    private static readonly int[] Subsets = [new DiarizationOptions().CountSegments, int.MaxValue];

    [SkippableFact]
    public void Cross_validated_on_actors_1_to_12_and_checked_out_of_corpus_and_on_a_long_call()
    {
        SharedData.SkipIfAbsent();
        string[][] folds = [["01", "02", "03", "04", "05", "06"], ["07", "08", "09", "10", "11", "12"]];
        var calls = new List<(int Speakers, double[][] Gains)>();
        for (var f = 0; f < 2; f++)
        {
            var space = SpeakerSpaceTrainer.Train(SpeakerSpaceTrainer.Segments(folds[f], 40), 8, 0.25);
            var men = folds[1 - f].Where(a => int.Parse(a) % 2 == 1).ToArray();
            var women = folds[1 - f].Where(a => int.Parse(a) % 2 == 0).ToArray();
            string[][] compositions =
            [
                .. men.Concat(women).Select(a => new[] { a }),
                [men[0], women[0]], [men[1], women[1]], [men[2], women[2]],
                [men[0], men[1]], [men[1], men[2]], [women[0], women[1]], [women[1], women[2]],
                [men[0], women[0], men[1]], [women[1], men[2], women[2]], men, women,
            ];
            for (var seed = 0; seed < 3; seed++)
                foreach (var (actors, i) in compositions.Select((a, i) => (a, i)))
                {
                    var call = AssembledCalls.Ravdess(actors, actors.Length == 3 ? 18 : 12, i + 100 * seed, Normal);
                    calls.Add((actors.Length, [.. Subsets.Select(n => Diarizer.CountEvidence(call.Samples, new DiarizationOptions { CountSegments = n }, space))]));
                }
        }
        output.WriteLine($"count right of {calls.Count} cross-validation calls; thresholds {string.Join(", ", Thresholds)}");
        var right = Subsets.Select((n, s) => Thresholds.Select(t => calls.Count(c => Diarizer.Count(c.Gains[s], new DiarizationOptions { CountThreshold = t }) == c.Speakers)).ToArray()).ToArray();
        for (var s = 0; s < Subsets.Length; s++)
            output.WriteLine($"  counted on {(Subsets[s] == int.MaxValue ? "every segment" : $"at most {Subsets[s]} segments")}: {string.Join(", ", right[s])}");
        // Bounding the segments must not cost the short calls the threshold is chosen on.
        var shipped = Array.IndexOf(Thresholds, new DiarizationOptions().CountThreshold);
        Assert.True(right[0][shipped] >= right[1][shipped] - 1, $"bounded: {right[0][shipped]} right, every segment: {right[1][shipped]}");

        foreach (var (a, b) in new[] { ("03", "08"), ("10", "09"), ("11", "13"), ("12", "14") })
            Report(AssembledCalls.Emodb(a, b, 12, Array.IndexOf(["03", "10", "11", "12"], a)), 2);
        var found = Report(AssembledCalls.Ravdess(["13", "14"], turns: 730, seed: 0, Normal), 2);
        Assert.Equal(2, found);
    }

    private int Report(AssembledCalls.Call call, int speakers)
    {
        var found = Diarizer.Diarize(call.Samples, new DiarizationOptions());
        var count = found.Select(t => t.Speaker).Distinct().Count();
        var given = Diarizer.Diarize(call.Samples, new DiarizationOptions { Speakers = speakers });
        output.WriteLine($"{call.Name}, {call.Samples.Length / 16000.0 / 60:F1} min: {count} speakers found of {speakers}; " +
            $"DER with the count found {DiarizationError.Measure(call.Reference, found).Der:P1}, given {DiarizationError.Measure(call.Reference, given).Der:P1}");
        return count;
    }
}
