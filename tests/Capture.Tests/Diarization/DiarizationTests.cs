using EmoStream.Capture.Diarization;
using EmoStream.Capture.Sources;
using EmoStream.Capture.Streams;
using EmoStream.Capture.Tests.Support;
using EmoStream.Testing;
using Xunit.Abstractions;

namespace EmoStream.Capture.Tests.Diarization;

/// <summary>
/// Who spoke when in mono calls assembled from corpus speakers the method was not tuned on (RAVDESS actors 13 to 20;
/// its settings were chosen on actors 1 to 12), against the one-speaker baseline (docs/RESULTS.md#diarization).
/// </summary>
public sealed class DiarizationTests(ITestOutputHelper output)
{
    /// <summary>Odd actors are men, even ones women.</summary>
    private static readonly (string, string)[] MixedPairs = [("13", "14"), ("15", "16"), ("17", "18"), ("19", "20"), ("13", "18"), ("15", "20")];
    private static readonly (string, string)[] SameGenderPairs = [("13", "15"), ("17", "19"), ("13", "17"), ("14", "16"), ("18", "20"), ("16", "20")];
    private static readonly string[] Normal = ["normal"];

    [SkippableFact]
    public void Held_out_two_speaker_calls_are_diarized_within_the_stated_floors_and_far_better_than_one_speaker()
    {
        SharedData.SkipIfAbsent();
        var mixed = Measure("mixed", MixedPairs);
        var same = Measure("same-gender", SameGenderPairs);
        // Measured (deterministic: fixed calls): mixed 6.0 %, same-gender 12.0 %; one speaker about 43 % for both
        // (clustered by ΔBIC on the cepstra instead of in the learnt speaker space: 12.8 % and 24.8 %).
        Assert.True(mixed.Der <= 0.10, $"mixed pairs: mean DER {mixed.Der:P1}, above the 10 % floor");
        Assert.True(same.Der <= 0.18, $"same-gender pairs: mean DER {same.Der:P1}, above the 18 % floor");
        Assert.True(mixed.Der < mixed.Baseline / 2 && same.Der < same.Baseline / 2 + 0.05,
            $"not clearly better than one speaker: {mixed.Der:P1} vs {mixed.Baseline:P1}, {same.Der:P1} vs {same.Baseline:P1}");
    }

    private (double Der, double Baseline) Measure(string label, (string, string)[] pairs)
    {
        var errors = pairs.Select((pair, seed) =>
        {
            var call = AssembledCalls.Ravdess([pair.Item1, pair.Item2], turns: 12, seed, Normal);
            var found = Diarizer.Diarize(call.Samples, new DiarizationOptions { Speakers = 2 });
            var error = DiarizationError.Measure(call.Reference, found);
            var oneSpeaker = DiarizationError.Measure(call.Reference, found.Select(t => t with { Speaker = 0 }).ToArray());
            output.WriteLine($"{call.Name}: DER {error.Der:P1} (missed {error.Missed:P1}, false alarm {error.FalseAlarm:P1}, confusion {error.Confusion:P1}); one speaker {oneSpeaker.Der:P1}");
            return (error, oneSpeaker);
        }).ToArray();
        var result = (errors.Average(e => e.error.Der), errors.Average(e => e.oneSpeaker.Der));
        output.WriteLine($"{label}: mean DER {result.Item1:P1} (missed {errors.Average(e => e.error.Missed):P1}, false alarm {errors.Average(e => e.error.FalseAlarm):P1}, " +
            $"confusion {errors.Average(e => e.error.Confusion):P1}); one speaker {result.Item2:P1}");
        return result;
    }

    /// <summary>Held-out one-speaker calls (a monologue of the same turns) and three-speaker calls (turns in rotation), mixed and same-gender.</summary>
    private static readonly string[][] Monologues = [["13"], ["14"], ["15"], ["16"], ["17"], ["18"], ["19"], ["20"]];
    private static readonly string[][] MixedTriples = [["13", "14", "15"], ["16", "17", "18"], ["19", "20", "13"], ["14", "15", "20"]];
    private static readonly string[][] SameGenderTriples = [["13", "15", "17"], ["15", "17", "19"], ["14", "16", "18"], ["16", "18", "20"]];

    /// <summary>
    /// The automatic speaker count (clustering in the speaker space stopped when every merge loses more evidence than
    /// <see cref="DiarizationOptions.CountThreshold"/>) is measured, not offered: the floors below state how good it is,
    /// not that it is good enough (the bar: 23 of 28 right, every speaker number 80 %, DER within 5 points of the count
    /// given; docs/DIARIZATION.md says why replay does not use it).
    /// </summary>
    [SkippableFact]
    public void The_automatic_speaker_count_on_held_out_calls_of_one_to_three_speakers_is_within_its_stated_floor()
    {
        SharedData.SkipIfAbsent();
        (string Label, string[][] Calls)[] groups =
        [
            ("one speaker", Monologues), ("mixed pairs", [.. MixedPairs.Select(p => new[] { p.Item1, p.Item2 })]),
            ("same-gender pairs", [.. SameGenderPairs.Select(p => new[] { p.Item1, p.Item2 })]),
            ("mixed triples", MixedTriples), ("same-gender triples", SameGenderTriples),
        ];
        var results = groups.SelectMany(g => CountCalls(g.Label, g.Calls)).ToArray();
        var right = results.Count(r => r.Right);
        var found = results.Average(r => r.FoundDer);
        output.WriteLine($"all: count right {right}/{results.Length}; mean DER with the count found {found:P1}, given {results.Average(r => r.GivenDer):P1}");
        // Measured (deterministic: fixed calls): right on 21 of 28 (1 speaker 7/8, 2 speakers 9/12, 3 speakers 5/8),
        // mean DER 16.4 % with the count found against 10.9 % with it given (by ΔBIC on the cepstra: 10 of 28, 34.1 %).
        Assert.True(right >= 19, $"count right on {right} of {results.Length} calls, below the floor of 19");
        foreach (var speakers in results.GroupBy(r => r.Speakers))
            Assert.True(2 * speakers.Count(r => r.Right) >= speakers.Count(), $"{speakers.Key} speaker(s) counted right on {speakers.Count(r => r.Right)} of {speakers.Count()} calls, below half");
        Assert.True(found <= 0.20, $"mean DER with the count found {found:P1}, above the 20 % floor");
    }

    private IEnumerable<(int Speakers, bool Right, double FoundDer, double GivenDer)> CountCalls(string label, string[][] calls)
    {
        var results = calls.Select((actors, seed) =>
        {
            var call = AssembledCalls.Ravdess(actors, turns: actors.Length == 3 ? 18 : 12, seed, Normal);
            var automatic = Diarizer.Diarize(call.Samples, new DiarizationOptions());
            var count = automatic.Select(t => t.Speaker).Distinct().Count();
            var found = DiarizationError.Measure(call.Reference, automatic).Der;
            var given = DiarizationError.Measure(call.Reference, Diarizer.Diarize(call.Samples, new DiarizationOptions { Speakers = actors.Length })).Der;
            output.WriteLine($"{call.Name}: {count} speakers found of {actors.Length}; DER with the count found {found:P1}, given {given:P1}");
            return (Speakers: actors.Length, Right: count == actors.Length, FoundDer: found, GivenDer: given);
        }).ToArray();
        output.WriteLine($"{label}: count right {results.Count(r => r.Right)}/{results.Length}; mean DER with the count found {results.Average(r => r.FoundDer):P1}, " +
            $"given {results.Average(r => r.GivenDer):P1}");
        return results;
    }

    /// <summary>
    /// Log-evidence grows with the segments weighed, so a long call counted on all of them split each voice's moods
    /// into speakers (a 15-minute call of two held-out speakers: 4 found); counted on at most
    /// <see cref="DiarizationOptions.CountSegments"/> spread over the call, it is counted as a short one.
    /// </summary>
    [SkippableFact]
    public void A_long_call_of_two_held_out_speakers_is_counted_as_two()
    {
        SharedData.SkipIfAbsent();
        var call = AssembledCalls.Ravdess(["13", "14"], turns: 250, seed: 0, Normal);
        var found = Diarizer.Diarize(call.Samples, new DiarizationOptions());
        var error = DiarizationError.Measure(call.Reference, found);
        output.WriteLine($"{call.Name}, {call.Samples.Length / 16000.0 / 60:F1} min: {found.Select(t => t.Speaker).Distinct().Count()} speakers found; DER {error.Der:P1}");
        // Measured: 2 found, DER 6.0 % (counted on every segment: 4 found, DER 31.1 %).
        Assert.Equal(2, found.Select(t => t.Speaker).Distinct().Count());
        Assert.True(error.Der <= 0.10, $"DER {error.Der:P1}");
    }

    [SkippableTheory]
    [InlineData("file")]
    [InlineData("upload")]
    public async Task A_mono_replay_with_two_speakers_named_gives_each_voice_its_own_channel(string source)
    {
        SharedData.SkipIfAbsent();
        var call = AssembledCalls.Ravdess(["13", "14"], turns: 8, seed: 7, Normal);
        var dir = Directory.CreateTempSubdirectory("emostream-diarize-").FullName;
        try
        {
            var path = Path.Combine(dir, "mono-call.wav");
            WavWriter.Write(path, [call.Samples], 16000, WavEncoding.Int16);
            var options = new ReplayOptions().With(ReplayPacing.AsFastAsPossible, ["agent", "customer"]);
            IAudioSource replay = source == "file" ? new FileReplaySource(path, options) : new StreamingReplaySource(path, "mono-call.wav", options, TimeSpan.FromHours(1));
            var samples = new Dictionary<string, List<float>>();
            await foreach (var frame in replay.ReadAsync())
            {
                if (!samples.TryGetValue(frame.Speaker, out var list)) samples[frame.Speaker] = list = [];
                list.AddRange(frame.Samples);
            }
            Assert.Equal(["agent", "customer"], samples.Keys.Order());
            // Where each channel carries sound is who the replay says spoke: the first voice is agent's.
            var turns = samples.SelectMany(s => Sounding(s.Value, s.Key == "agent" ? 0 : 1)).ToArray();
            var error = DiarizationError.Measure(call.Reference, turns);
            output.WriteLine($"replayed ({source}): DER {error.Der:P1}");
            Assert.True(error.Der <= 0.15, $"DER {error.Der:P1}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_count_instead_of_names_names_the_speakers_found()
    {
        var options = new ReplayOptions().With(ReplayPacing.AsFastAsPossible, ["3"]);
        Assert.True(options.ChannelPerSpeaker);
        Assert.Equal(["speaker 1", "speaker 2", "speaker 3"], options.SpeakerNames);
    }

    [Fact]
    public void The_error_rate_counts_confusion_and_missed_speech_outside_the_collar_under_the_best_speaker_mapping()
    {
        SpeakerTurn[] reference = [new(0, 10, 0), new(10, 20, 1)];
        // Scored reference: 20 s less the 0.25 s collars at 0, 10 (both sides) and 20 = 19 s.
        var late = DiarizationError.Measure(reference, [new(0, 12, 5), new(12, 20, 7)]);
        Assert.Equal(1.75 / 19, late.Der, 3); // [10.25, 12) given to the wrong speaker
        Assert.Equal(late.Der, late.Confusion, 6);
        var short_ = DiarizationError.Measure(reference, [new(0, 12, 1), new(12, 18, 0)]);
        Assert.Equal(1.75 / 19, short_.Confusion, 3);
        Assert.Equal(1.75 / 19, short_.Missed, 3); // [18, 19.75) not found
        Assert.Equal(3.5 / 19, short_.Der, 3);
        Assert.Equal(19, short_.ReferenceSeconds, 1);
        var one = DiarizationError.Measure(reference, [new(0, 20, 0)]);
        Assert.Equal(9.5 / 19, one.Der, 3); // one speaker for both: the other one's 9.5 scored seconds are confused
    }

    /// <summary>Runs of a channel's samples that are not silent (diarized channels are exactly 0 outside their speaker's turns); zero crossings inside a run do not end it.</summary>
    private static IEnumerable<SpeakerTurn> Sounding(List<float> samples, int speaker)
    {
        const int bridge = 800; // 50 ms
        int start = -1, last = -1;
        for (var i = 0; i < samples.Count; i++)
        {
            if (samples[i] == 0) continue;
            if (start >= 0 && i - last > bridge)
            {
                yield return new SpeakerTurn(start / 16000.0, (last + 1) / 16000.0, speaker);
                start = -1;
            }
            if (start < 0) start = i;
            last = i;
        }
        if (start >= 0) yield return new SpeakerTurn(start / 16000.0, (last + 1) / 16000.0, speaker);
    }
}
