namespace EmoStream.Inference.Tests.Features.Acoustic;

public sealed class SpectralAndEnergyTests
{
    [Fact]
    public void White_noise_is_flatter_and_more_entropic_than_a_tone()
    {
        var noise = new DescriptorProbe(TestSignals.WhiteNoise(1.0));
        var tone = new DescriptorProbe(TestSignals.Sine(1000, 1.0));

        var noiseFlatness = DescriptorProbe.Median(noise.Valued("spectralFlatness"));
        var toneFlatness = DescriptorProbe.Median(tone.Valued("spectralFlatness"));
        Assert.InRange(noiseFlatness, 0.45, 0.7); // e^-γ ≈ 0.56 for a chi-square periodogram
        Assert.True(toneFlatness < 0.05, $"tone flatness {toneFlatness}");
        Assert.True(DescriptorProbe.Median(noise.Valued("spectralEntropy")) > DescriptorProbe.Median(tone.Valued("spectralEntropy")) + 0.3);
    }

    [Fact]
    public void Tone_centroid_and_roll_off_sit_at_its_frequency()
    {
        var tone = new DescriptorProbe(TestSignals.Sine(1000, 0.5));

        Assert.InRange(DescriptorProbe.Median(tone.Valued("spectralCentroid")), 950, 1050);
        Assert.InRange(DescriptorProbe.Median(tone.Valued("spectralRollOff50")), 960, 1040);
        Assert.True(DescriptorProbe.Median(tone.Valued("spectralFlux")) < 0.01);
    }

    [Fact]
    public void Noise_centroid_is_near_the_middle_of_the_band()
    {
        var noise = new DescriptorProbe(TestSignals.WhiteNoise(1.0));
        Assert.InRange(DescriptorProbe.Median(noise.Valued("spectralCentroid")), 3500, 4500);
        Assert.InRange(DescriptorProbe.Median(noise.Valued("spectralRollOff90")), 6800, 7600);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.1)]
    public void Loudness_and_energy_follow_a_known_gain_change(double gain)
    {
        var signal = TestSignals.HarmonicTone(180, 1.0, amplitude: 0.8);
        var loud = new DescriptorProbe(signal);
        var quiet = new DescriptorProbe(TestSignals.Scaled(signal, gain));

        // Band power scales with gain², specific loudness with (gain²)^0.3.
        var loudnessRatio = DescriptorProbe.Median(quiet.Valued("loudness")) / DescriptorProbe.Median(loud.Valued("loudness"));
        Assert.Equal(Math.Pow(gain, 0.6), loudnessRatio, 0.01);
        var energyDrop = DescriptorProbe.Median(quiet.Valued("energyDb")) - DescriptorProbe.Median(loud.Valued("energyDb"));
        Assert.Equal(20 * Math.Log10(gain), energyDrop, 0.05);
        // Shape descriptors do not depend on level.
        Assert.Equal(DescriptorProbe.Median(loud.Valued("spectralCentroid")), DescriptorProbe.Median(quiet.Valued("spectralCentroid")), 1.0);
        Assert.Equal(DescriptorProbe.Median(loud.Valued("mfcc2")), DescriptorProbe.Median(quiet.Valued("mfcc2")), 0.01);
    }

    [Fact]
    public void Full_scale_sine_has_energy_of_minus_3_dBFS_and_zero_crossing_rate_of_2f_over_fs()
    {
        var probe = new DescriptorProbe(TestSignals.Sine(1000, 0.5, amplitude: 1.0));
        Assert.InRange(DescriptorProbe.Median(probe.Valued("energyDb")), -3.2, -2.8);
        Assert.InRange(DescriptorProbe.Median(probe.Valued("zcr")), 0.12, 0.13);
    }

    [Fact]
    public void Low_tone_has_positive_alpha_ratio_and_a_high_one_negative()
    {
        var low = DescriptorProbe.Median(new DescriptorProbe(TestSignals.Sine(400, 0.5)).Valued("alphaRatio"));
        var high = DescriptorProbe.Median(new DescriptorProbe(TestSignals.Sine(3000, 0.5)).Valued("alphaRatio"));
        Assert.True(low > 20 && high < -20, $"alpha ratio {low} dB (400 Hz), {high} dB (3 kHz)");
    }

    [Fact]
    public void Mel_band_of_a_tone_is_the_strongest_and_MFCCs_of_silence_are_zero()
    {
        var tone = new DescriptorProbe(TestSignals.Sine(1000, 0.5));
        var centers = tone.Analysis.Kernels.MelFilters.CenterHz;
        var nearest = Enumerable.Range(0, centers.Length).MinBy(b => Math.Abs(centers[b] - 1000));
        var strongest = Enumerable.Range(1, centers.Length).MaxBy(b => DescriptorProbe.Median(tone.Valued($"logMel{b}")));
        Assert.Equal(nearest + 1, strongest);

        var silence = new DescriptorProbe(new float[4000]);
        Assert.All(Enumerable.Range(1, 13), c => Assert.All(silence[$"mfcc{c}"], v => Assert.Equal(0f, v, 1e-4f)));
        Assert.All(silence["spectralCentroid"], v => Assert.True(float.IsNaN(v)));
    }
}
