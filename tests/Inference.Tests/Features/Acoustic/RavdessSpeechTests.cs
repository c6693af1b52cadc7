using EmoStream.Capture.Audio;
using EmoStream.Testing;
using EmoStream.Inference.Features.Acoustic;
using Xunit.Abstractions;

namespace EmoStream.Inference.Tests.Features.Acoustic;

/// <summary>Real speech: RAVDESS actor 01 (male), 16 kHz mono. Skips, saying why, when ../shared/data is absent.</summary>
public sealed class RavdessSpeechTests(ITestOutputHelper output)
{
    private static string[] Clips(int count, string actor = "Actor_01")
    {
        var dir = SharedData.Ravdess(actor);
        // These checks are about RAVDESS's recorded voices (adult male and female pitch ranges), not about any speech.
        SharedData.SkipIfAbsent();
        Skip.If(dir is null, $"../shared/data/ravdess/{actor} is absent");
        return Directory.GetFiles(dir, "*.wav").Order(StringComparer.Ordinal).Take(count).ToArray();
    }

    [SkippableFact]
    public void Adult_male_speech_is_voiced_with_a_plausible_pitch_and_voice_quality()
    {
        var clips = Clips(6);
        foreach (var clip in clips)
        {
            var samples = AudioFileReader.Default.Read16kMono(clip);
            var probe = new DescriptorProbe(samples);
            var pitch = probe.Analysis.Pitch;
            var voiced = pitch.F0Hz.Where(f => !float.IsNaN(f)).ToArray();
            var ratio = voiced.Length / (double)pitch.F0Hz.Length;
            var medianF0 = DescriptorProbe.Median(voiced);
            var jitter = DescriptorProbe.Median(probe.Valued("jitterLocal"));
            var shimmer = DescriptorProbe.Median(probe.Valued("shimmerLocal"));
            var hnr = DescriptorProbe.Median(probe.Valued("hnr"));
            var f1 = DescriptorProbe.Median(probe.Valued("f1Frequency"));
            var f2 = DescriptorProbe.Median(probe.Valued("f2Frequency"));
            output.WriteLine($"{Path.GetFileName(clip)}: voiced {ratio:P0}, median F0 {medianF0:F0} Hz, jitter {jitter:P2}, shimmer {shimmer:P1}, HNR {hnr:F1} dB, F1 {f1:F0} Hz, F2 {f2:F0} Hz");

            // A sentence of about 3.5 s with leading and trailing silence: voiced but not throughout.
            Assert.InRange(ratio, 0.15, 0.8);
            Assert.InRange(medianF0, 80, 250);
            Assert.True(voiced.Count(f => f < 75 || f > 600) == 0);
            Assert.InRange(jitter, 0.001, 0.05);
            Assert.InRange(shimmer, 0.01, 0.25);
            Assert.InRange(hnr, 3, 30);
            // Adult male vowel space: F1 roughly 250-900 Hz, F2 roughly 800-2500 Hz.
            Assert.InRange(f1, 250, 900);
            Assert.InRange(f2, 800, 2500);
        }
    }

    [SkippableFact]
    public void Female_voice_is_pitched_well_above_male_voice()
    {
        var male = Clips(4, "Actor_01");
        var female = Clips(4, "Actor_02");
        var compact = AcousticFeatureSets.Create("compact");
        var median = compact.FeatureNames.ToList().IndexOf("f0Semitone.pctl50");
        double MedianHz(string[] clips) =>
            27.5 * Math.Pow(2, clips.Average(c => compact.Extract(AudioFileReader.Default.Read16kMono(c))[median]) / 12);

        var maleHz = MedianHz(male);
        var femaleHz = MedianHz(female);
        output.WriteLine($"median F0: actor 01 (male) {maleHz:F0} Hz, actor 02 (female) {femaleHz:F0} Hz");

        Assert.InRange(maleHz, 80, 180);
        Assert.InRange(femaleHz, 150, 300);
        Assert.True(12 * Math.Log2(femaleHz / maleHz) > 6, "female F0 should be at least half an octave above male F0");
    }

    [SkippableTheory]
    [InlineData("Actor_01")]
    [InlineData("Actor_02")]
    public void Strong_anger_is_louder_than_strong_sadness(string actor)
    {
        // RAVDESS names: modality-channel-emotion-intensity-...; emotion 05 angry, 04 sad; intensity 02 strong.
        var dir = SharedData.Ravdess(actor);
        SharedData.SkipIfAbsent();
        Skip.If(dir is null, $"../shared/data/ravdess/{actor} is absent");
        var compact = AcousticFeatureSets.Create("compact");
        var names = compact.FeatureNames.ToList();
        double Mean(string emotion, string feature) => Directory.GetFiles(dir, $"03-01-{emotion}-02-*.wav")
            .Average(p => compact.Extract(AudioFileReader.Default.Read16kMono(p))[names.IndexOf(feature)]);

        var angry = Mean("05", "loudness.mean");
        var sad = Mean("04", "loudness.mean");
        output.WriteLine($"{actor}: mean loudness angry {angry:F1}, sad {sad:F1}");
        Assert.True(angry > 1.5 * sad, $"angry loudness {angry:F1} vs sad {sad:F1}");
        Assert.True(Mean("05", "equivalentSoundLevel") > Mean("04", "equivalentSoundLevel") + 3);
    }

    [SkippableFact]
    public void Both_sets_give_finite_vectors_that_differ_between_clips()
    {
        var clips = Clips(3);
        foreach (var set in AcousticFeatureSets.Names)
        {
            var featurizer = AcousticFeatureSets.Create(set);
            var vectors = clips.Select(c => featurizer.Extract(AudioFileReader.Default.Read16kMono(c))).ToArray();
            Assert.All(vectors, v => Assert.All(v, x => Assert.True(float.IsFinite(x))));
            Assert.NotEqual(vectors[0], vectors[1]);
            // Most values carry information: far from all zero.
            Assert.True(vectors[0].Count(x => x != 0) > 0.8 * vectors[0].Length, $"{set}: {vectors[0].Count(x => x == 0)} zeros");
        }
    }
}
