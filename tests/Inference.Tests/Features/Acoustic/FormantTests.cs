namespace EmoStream.Inference.Tests.Features.Acoustic;

public sealed class FormantTests
{
    [Theory]
    [InlineData(120.0, 700.0, 1220.0, 2600.0)]  // /a/-like, male pitch
    [InlineData(110.0, 300.0, 2300.0, 3000.0)]  // /i/-like, male pitch
    [InlineData(200.0, 800.0, 1400.0, 2800.0)]  // /a/-like, female pitch
    public void Formants_of_a_synthetic_vowel_are_found_within_ten_percent(double f0, double f1, double f2, double f3)
    {
        var vowel = TestSignals.Vowel(f0, 0.6, [(f1, 80), (f2, 100), (f3, 140), (3500, 200)]);
        var probe = new DescriptorProbe(vowel);

        Assert.InRange(DescriptorProbe.Median(probe.Valued("f1Frequency")), f1 * 0.9, f1 * 1.1);
        Assert.InRange(DescriptorProbe.Median(probe.Valued("f2Frequency")), f2 * 0.9, f2 * 1.1);
        Assert.InRange(DescriptorProbe.Median(probe.Valued("f3Frequency")), f3 * 0.9, f3 * 1.1);
        Assert.InRange(DescriptorProbe.Median(probe.Valued("f1Bandwidth")), 20, 400);
        // Formants lie above the first harmonic and are weaker than it or close to it in level.
        Assert.InRange(DescriptorProbe.Median(probe.Valued("f3Amplitude")), -60, 10);
    }

    [Fact]
    public void Unvoiced_frames_have_no_formants()
    {
        var probe = new DescriptorProbe(TestSignals.WhiteNoise(0.5));
        var voiced = probe.Analysis.Pitch.Voiced;
        Assert.All(Enumerable.Range(0, voiced.Length).Where(i => !voiced[i]), i => Assert.True(float.IsNaN(probe["f1Frequency"][i])));
    }
}
