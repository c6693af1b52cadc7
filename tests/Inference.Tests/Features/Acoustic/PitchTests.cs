namespace EmoStream.Inference.Tests.Features.Acoustic;

public sealed class PitchTests
{
    [Theory]
    [InlineData(220.0)]
    [InlineData(110.0)]
    [InlineData(97.3)]
    [InlineData(440.0)]
    public void Harmonic_tone_gives_its_F0_within_one_percent(double f0)
    {
        var probe = new DescriptorProbe(TestSignals.HarmonicTone(f0, 1.0));
        var pitch = probe.Analysis.Pitch;
        var inner = Enumerable.Range(5, pitch.F0Hz.Length - 10).ToArray();

        Assert.All(inner, i => Assert.True(pitch.Voiced[i], $"frame {i} unvoiced"));
        Assert.All(inner, i => Assert.InRange(pitch.F0Hz[i], f0 * 0.99, f0 * 1.01));
        Assert.InRange(DescriptorProbe.Median(inner.Select(i => pitch.F0Hz[i])), f0 * 0.999, f0 * 1.001);
        Assert.All(inner, i => Assert.True(pitch.Periodicity[i] > 0.9, $"voicing probability {pitch.Periodicity[i]} at frame {i}"));
    }

    [Fact]
    public void Hard_clipped_tone_keeps_its_F0()
    {
        var clipped = TestSignals.Scaled(TestSignals.HarmonicTone(180, 1.0), 4); // peaks at about 2, clipped to ±1
        var pitch = new DescriptorProbe(clipped).Analysis.Pitch;
        var inner = Enumerable.Range(5, pitch.F0Hz.Length - 10).ToArray();
        Assert.All(inner, i => Assert.InRange(pitch.F0Hz[i], 180 * 0.99, 180 * 1.01));
    }

    [Fact]
    public void Semitone_contour_is_relative_to_27_5_Hz()
    {
        var probe = new DescriptorProbe(TestSignals.HarmonicTone(220, 0.5));
        // 220 Hz is three octaves above 27.5 Hz: 36 semitones.
        Assert.InRange(DescriptorProbe.Median(probe.Valued("f0Semitone")), 35.9, 36.1);
    }

    [Fact]
    public void Silence_gives_voicing_zero_and_no_F0()
    {
        var probe = new DescriptorProbe(new float[16000]);

        Assert.All(probe["voicingProbability"], v => Assert.Equal(0f, v));
        Assert.All(probe["f0Semitone"], v => Assert.True(float.IsNaN(v)));
        Assert.Equal(0, probe.Analysis.Pitch.VoicedCount);
    }

    [Fact]
    public void White_noise_is_mostly_unvoiced()
    {
        var probe = new DescriptorProbe(TestSignals.WhiteNoise(1.0));
        Assert.True(probe.Analysis.Pitch.VoicedCount < probe.Analysis.FrameCount / 10,
            $"{probe.Analysis.Pitch.VoicedCount} of {probe.Analysis.FrameCount} noise frames voiced");
        Assert.True(probe["voicingProbability"].Average() < 0.45);
    }

    [Fact]
    public void Tone_after_silence_is_voiced_only_where_it_sounds()
    {
        var signal = new float[8000].Concat(TestSignals.HarmonicTone(150, 0.5)).ToArray();
        var pitch = new DescriptorProbe(signal).Analysis.Pitch;

        Assert.All(Enumerable.Range(0, 45), i => Assert.False(pitch.Voiced[i], $"silent frame {i} voiced"));
        Assert.All(Enumerable.Range(55, 40), i => Assert.True(pitch.Voiced[i], $"tone frame {i} unvoiced"));
    }

    [Fact]
    public void HNR_is_high_for_a_clean_tone_and_falls_with_added_noise()
    {
        var tone = TestSignals.HarmonicTone(200, 1.0);
        var noise = TestSignals.WhiteNoise(1.0, amplitude: 0.15);
        var noisy = tone.Zip(noise, (a, b) => a + b).ToArray();

        var clean = DescriptorProbe.Median(new DescriptorProbe(tone).Valued("hnr"));
        var degraded = DescriptorProbe.Median(new DescriptorProbe(noisy).Valued("hnr"));

        Assert.True(clean > 20, $"clean HNR {clean} dB");
        Assert.True(degraded < clean - 6, $"noisy HNR {degraded} dB vs clean {clean} dB");
    }
}
