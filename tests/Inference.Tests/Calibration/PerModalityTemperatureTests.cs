using EmoStream.Inference.Calibration;

namespace EmoStream.Inference.Tests.Calibration;

public class PerModalityTemperatureTests
{
    /// <summary>Labels drawn from softmax(z / trueT) for each row, so each row's logits are trueT times too confident.</summary>
    private static (List<float[]> Logits, List<int> Truth, List<ModalityPattern?> Patterns) Sample(params (ModalityPattern Pattern, double TrueT, int N)[] parts)
    {
        var rng = new Random(7);
        var (logits, truth, patterns) = (new List<float[]>(), new List<int>(), new List<ModalityPattern?>());
        foreach (var (pattern, trueT, n) in parts)
            for (var i = 0; i < n; i++)
            {
                var z = Enumerable.Range(0, 4).Select(_ => (float)(rng.NextDouble() * 8 - 4)).ToArray();
                var p = TemperatureScaling.Probabilities(z, trueT);
                var u = rng.NextDouble();
                var c = 0;
                for (var acc = p[0]; acc < u && c < 3; acc += p[++c]) { }
                logits.Add(z);
                truth.Add(c);
                patterns.Add(pattern);
            }
        return (logits, truth, patterns);
    }

    [Fact]
    public void Each_modality_gets_its_own_temperature_and_fits_its_utterances_better_than_the_pooled_one()
    {
        var (logits, truth, patterns) = Sample((ModalityPattern.Audio, 3.0, 3000), (ModalityPattern.Text, 0.6, 3000));

        var t = TemperatureScaling.FitPerModality(logits, truth, patterns);

        Assert.InRange(t.For(ModalityPattern.Audio), 2.6, 3.4);
        Assert.InRange(t.For(ModalityPattern.Text), 0.5, 0.7);
        Assert.InRange(t.Pooled, t.For(ModalityPattern.Text), t.For(ModalityPattern.Audio));
        var audio = Enumerable.Range(0, truth.Count).Where(i => patterns[i] == ModalityPattern.Audio).ToArray();
        var audioLogits = audio.Select(i => logits[i]).ToArray();
        var audioTruth = audio.Select(i => truth[i]).ToArray();
        Assert.True(TemperatureScaling.NegativeLogLikelihood(audioLogits, audioTruth, t.For(ModalityPattern.Audio))
            < TemperatureScaling.NegativeLogLikelihood(audioLogits, audioTruth, t.Pooled));
    }

    [Fact]
    public void A_pattern_with_too_few_held_out_utterances_uses_the_pooled_temperature()
    {
        var few = TemperatureScaling.MinimumPerPattern - 1;
        var (logits, truth, patterns) = Sample((ModalityPattern.Text, 2.0, 500), (ModalityPattern.Audio, 0.5, few));

        var t = TemperatureScaling.FitPerModality(logits, truth, patterns);

        Assert.True(t.ByModality.ContainsKey(ModalityPattern.Text));
        Assert.False(t.ByModality.ContainsKey(ModalityPattern.Audio));
        Assert.Equal(t.Pooled, t.For(ModalityPattern.Audio));
        Assert.Equal(t.Pooled, t.For(ModalityPattern.AudioAndText));
        Assert.Equal(t.Pooled, t.For(null));
    }

    [Fact]
    public void Temperatures_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Temperatures(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Temperatures(1, new Dictionary<ModalityPattern, double> { [ModalityPattern.Audio] = -1 }));
    }

    [Theory]
    [InlineData(true, true, ModalityPattern.AudioAndText)]
    [InlineData(true, false, ModalityPattern.Audio)]
    [InlineData(false, true, ModalityPattern.Text)]
    public void The_pattern_follows_the_modalities_present(bool acoustic, bool lexical, ModalityPattern expected) =>
        Assert.Equal(expected, ModalityPatterns.Of(acoustic, lexical));
}
