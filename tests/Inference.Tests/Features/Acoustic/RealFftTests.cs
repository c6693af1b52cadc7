using EmoStream.Inference.Features.Acoustic.Analysis;

namespace EmoStream.Inference.Tests.Features.Acoustic;

public sealed class RealFftTests
{
    [Theory]
    [InlineData(8)]
    [InlineData(64)]
    [InlineData(512)]
    public void Forward_matches_a_direct_DFT(int size)
    {
        var random = new Random(size);
        var x = Enumerable.Range(0, size - 3).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray(); // zero-padded tail
        var fft = new RealFft(size);
        var re = new float[fft.Bins];
        var im = new float[fft.Bins];

        fft.Forward(x, re, im);

        for (var k = 0; k < fft.Bins; k++)
        {
            double dr = 0, di = 0;
            for (var n = 0; n < x.Length; n++)
            {
                dr += x[n] * Math.Cos(2 * Math.PI * k * n / size);
                di -= x[n] * Math.Sin(2 * Math.PI * k * n / size);
            }
            Assert.Equal(dr, re[k], 1e-3 * Math.Sqrt(size));
            Assert.Equal(di, im[k], 1e-3 * Math.Sqrt(size));
        }
    }

    [Fact]
    public void Inverse_of_a_power_spectrum_is_the_circular_autocorrelation()
    {
        const int size = 64;
        var random = new Random(3);
        var x = Enumerable.Range(0, 20).Select(_ => (float)random.NextDouble()).ToArray();
        var fft = new RealFft(size);
        var power = new float[fft.Bins];
        var ac = new float[fft.Bins];
        var re = new float[fft.Bins];
        var im = new float[fft.Bins];

        fft.Power(x, power, re, im);
        fft.InverseEven(power, ac, re, im);

        for (var lag = 0; lag < 20; lag++)
        {
            double expected = 0;
            for (var n = 0; n + lag < x.Length; n++) expected += x[n] * x[n + lag];
            Assert.Equal(expected, ac[lag], 1e-3);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void Rejects_sizes_that_are_not_powers_of_two(int size) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealFft(size));
}
