using EmoStream.Inference.Features;
using EmoStream.Inference.Features.Acoustic;

namespace EmoStream.Inference.Tests.Features.Acoustic;

public sealed class AcousticFeaturizerTests
{
    private static readonly AcousticFeaturizer Compact = AcousticFeatureSets.Create("compact");
    private static readonly AcousticFeaturizer Large = AcousticFeatureSets.Create("large");

    public static TheoryData<string> SetNames => new(AcousticFeatureSets.Names);

    private static AcousticFeaturizer Set(string name) => name == "compact" ? Compact : Large;

    private static float Feature(AcousticFeaturizer f, float[] vector, string name)
    {
        var index = f.FeatureNames.ToList().IndexOf(name);
        Assert.True(index >= 0, $"no feature named {name}");
        return vector[index];
    }

    [Fact]
    public void Sets_have_their_ids_dimensions_and_settings()
    {
        Assert.Equal("acoustic/compact@1", Compact.Info.Id);
        Assert.Equal("acoustic/large@1", Large.Info.Id);
        Assert.All(new[] { Compact, Large }, f => Assert.Equal(Modality.Acoustic, f.Info.Modality));
        Assert.InRange(Compact.Info.Dimension, 80, 100);
        Assert.InRange(Large.Info.Dimension, 3000, 8000);
        Assert.Equal(Compact.Info.Settings, Large.Info.Settings);
        Assert.Contains("sr=16000", Compact.Info.Settings);
        Assert.NotEqual(Compact.Info.Settings, AcousticFeatureSets.Create("compact", new AcousticAnalysisOptions { MinF0Hz = 60, PitchFftSize = 2048 }).Info.Settings);
    }

    [Theory]
    [MemberData(nameof(SetNames))]
    public void Every_value_has_a_unique_name(string set)
    {
        var f = Set(set);
        Assert.Equal(f.Info.Dimension, f.FeatureNames.Count);
        Assert.Equal(f.FeatureNames.Count, f.FeatureNames.Distinct().Count());
        Assert.All(f.FeatureNames, n => Assert.Matches("^[A-Za-z0-9_.]+$", n));
    }

    [Theory]
    [MemberData(nameof(SetNames))]
    public void Output_has_the_declared_dimension_is_deterministic_and_finite_for_any_input(string set)
    {
        var f = Set(set);
        var tone = TestSignals.HarmonicTone(170, 0.8);
        var broken = TestSignals.WhiteNoise(0.5, amplitude: 3); // clipped far beyond ±1
        broken[100] = float.NaN;
        broken[200] = float.PositiveInfinity;
        float[][] inputs = [[], [0.3f], new float[100], TestSignals.Sine(300, 0.01), new float[16000], tone, broken];

        foreach (var input in inputs)
        {
            var v = f.Extract(input);
            Assert.Equal(f.Info.Dimension, v.Length);
            Assert.All(v, x => Assert.True(float.IsFinite(x), $"non-finite value for a {input.Length}-sample input"));
        }
        Assert.Equal(f.Extract(tone), f.Extract(tone));
    }

    [Fact]
    public void Compact_features_describe_a_tone_correctly()
    {
        var v = Compact.Extract(TestSignals.HarmonicTone(220, 1.0));
        Assert.InRange(Feature(Compact, v, "f0Semitone.mean"), 35.9, 36.1);
        Assert.InRange(Feature(Compact, v, "f0Semitone.pctlrange20_80"), 0, 0.1);
        Assert.InRange(Feature(Compact, v, "voicedRatio"), 0.9, 1.0);
        Assert.InRange(Feature(Compact, v, "durationSeconds"), 0.999, 1.001);
        Assert.InRange(Feature(Compact, v, "hnr.voiced.mean"), 20, 40);

        var silence = Compact.Extract(new float[16000]);
        Assert.Equal(0f, Feature(Compact, silence, "voicedRatio"));
        Assert.Equal(0f, Feature(Compact, silence, "voicingProbability.mean"));
        Assert.Equal(0f, Feature(Compact, silence, "f0Semitone.mean"));
        Assert.Equal(-100f, Feature(Compact, silence, "equivalentSoundLevel"), 0.01f);
    }

    [Fact]
    public void Large_set_has_deltas_of_every_descriptor()
    {
        var names = Large.FeatureNames.ToHashSet();
        foreach (var d in Large.Descriptors)
        {
            Assert.Contains($"{d.Name}.mean", names);
            Assert.Contains($"{d.Name}.delta.pctl99", names);
        }
        var v = Large.Extract(TestSignals.HarmonicTone(220, 1.0));
        Assert.InRange(Feature(Large, v, "f0Semitone.delta.mean"), -0.05, 0.05);
        Assert.InRange(Feature(Large, v, "mfcc1.pctl50"), Feature(Large, v, "mfcc1.pctl25"), Feature(Large, v, "mfcc1.pctl75"));
    }

    [Theory]
    [InlineData("compact", "acoustic/compact@1")]
    [InlineData("LARGE", "acoustic/large@1")]
    [InlineData("acoustic/large", "acoustic/large@1")]
    [InlineData("acoustic/compact@1", "acoustic/compact@1")]
    public void Registry_resolves_names_and_ids(string name, string id) =>
        Assert.Equal(id, AcousticFeatureSets.Create(name).Info.Id);

    [Theory]
    [InlineData("medium")]
    [InlineData("acoustic/compact@2")]
    [InlineData("compact@x")]
    public void Registry_refuses_unknown_sets_naming_what_exists(string name)
    {
        var e = Assert.Throws<AcousticFeatureSetException>(() => AcousticFeatureSets.Create(name));
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void Recorded_info_recreates_its_featurizer_and_a_mismatch_is_refused()
    {
        Assert.Equal(Compact.Info, AcousticFeatureSets.Create(Compact.Info).Info);
        var changed = Compact.Info with { Settings = Compact.Info.Settings.Replace("mel=26", "mel=40") };
        var e = Assert.Throws<AcousticFeatureSetException>(() => AcousticFeatureSets.Create(changed));
        Assert.Contains("mel=40", e.Message);
        Assert.Throws<AcousticFeatureSetException>(() => AcousticFeatureSets.Create(new FeaturizerInfo("acoustic/compact@1", Modality.Lexical, 89, "")));
    }

    [Fact]
    public void Invalid_options_are_refused_with_the_setting_named()
    {
        var e = Assert.Throws<ArgumentException>(() => AcousticFeatureSets.Create("compact", new AcousticAnalysisOptions { MinF0Hz = 30 }));
        Assert.Contains("pitch FFT", e.Message);
    }

    [Fact]
    public void Featurizer_is_safe_to_share_between_threads()
    {
        var signals = Enumerable.Range(0, 8).Select(i => TestSignals.HarmonicTone(100 + 20 * i, 0.5)).ToArray();
        var sequential = signals.Select(s => Compact.Extract(s)).ToArray();
        var parallel = new float[signals.Length][];
        Parallel.For(0, signals.Length, i => parallel[i] = Compact.Extract(signals[i]));
        Assert.Equal(sequential, parallel);
    }
}
