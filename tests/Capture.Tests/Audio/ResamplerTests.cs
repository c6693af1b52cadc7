using EmoStream.Capture.Audio.Resampling;
using EmoStream.Capture.Tests.Support;

namespace EmoStream.Capture.Tests.Audio;

public sealed class ResamplerTests
{
    [Fact]
    public void A_7500_Hz_tone_from_44100_Hz_keeps_its_level()
    {
        var output = Resampler.Convert(Signals.Tone(7_500, 44_100, 1.0), 44_100, 16_000);

        var levelDb = Signals.Db(Signals.MiddleRms(output) / (0.5 / Math.Sqrt(2)));
        Assert.InRange(levelDb, -0.1, 0.1);
    }

    [Theory]
    [InlineData(12_000, 44_100)]
    [InlineData(9_000, 44_100)]
    [InlineData(12_000, 48_000)]
    [InlineData(20_000, 192_000)]
    [InlineData(30_000, 96_000)]
    public void Tones_above_8_kHz_are_attenuated_by_at_least_60_dB(double frequency, int rate)
    {
        var output = Resampler.Convert(Signals.Tone(frequency, rate, 1.0), rate, 16_000);

        var attenuationDb = -Signals.Db(Signals.MiddleRms(output) / (0.5 / Math.Sqrt(2)));
        Assert.True(attenuationDb >= 60, $"{frequency} Hz from {rate} Hz attenuated by only {attenuationDb:F1} dB");
    }

    [Fact]
    public void Upsampling_8_kHz_creates_no_image_above_4_kHz()
    {
        var output = Resampler.Convert(Signals.Tone(3_000, 8_000, 1.0), 8_000, 16_000);

        var middle = output.AsSpan(3200, 9600);
        Assert.InRange(Signals.Amplitude(middle, 3_000, 16_000), 0.5 * 0.99, 0.5 * 1.01);
        // The image of 3 kHz around the old Nyquist frequency would sit at 5 kHz.
        Assert.True(Signals.Db(Signals.Amplitude(middle, 5_000, 16_000) / 0.5) < -60);
    }

    [Theory]
    [InlineData(44_100)]
    [InlineData(48_000)]
    [InlineData(8_000)]
    [InlineData(11_025)]
    public void Output_is_time_aligned_with_the_input(int rate)
    {
        // A slow sine must come out as the same sine sampled at 16 kHz: no filter delay, no phase shift.
        var output = Resampler.Convert(Signals.Tone(200, rate, 0.5, phase: 0.3), rate, 16_000);
        var expected = Signals.Tone(200, 16_000, 0.5, phase: 0.3);

        Assert.Equal(expected.Length, output.Length);
        for (var i = 800; i < output.Length - 800; i++)
            Assert.True(Math.Abs(output[i] - expected[i]) < 1e-3, $"sample {i}: {output[i]} vs {expected[i]}");
    }

    [Theory]
    [InlineData(44_100, 3000)]
    [InlineData(8_000, 3000)]
    [InlineData(16_000, 3000)]
    // A live source's small messages (NAudio 3.0.x's resampler stopped producing output when fed like this).
    [InlineData(48_000, 8)]
    [InlineData(8_000, 2)]
    public void Streaming_in_uneven_blocks_equals_converting_at_once(int rate, int largestBlock)
    {
        var input = Signals.Tone(440, rate, 0.7);
        var whole = Resampler.Convert(input, rate, 16_000);

        var streaming = new Resampler(rate, 16_000);
        var pieces = new List<float>();
        var random = new Random(3);
        for (var at = 0; at < input.Length;)
        {
            var take = Math.Min(random.Next(1, largestBlock + 1), input.Length - at);
            pieces.AddRange(streaming.Process(input.AsSpan(at, take)));
            at += take;
        }
        pieces.AddRange(streaming.Flush());

        Assert.Equal(whole.Length, pieces.Count);
        for (var i = 0; i < whole.Length; i++) Assert.Equal(whole[i], pieces[i], 1e-6f);
    }

    [Theory]
    [InlineData(44_100, 1)]
    [InlineData(44_100, 44_101)]
    [InlineData(22_050, 12_345)]
    [InlineData(8_000, 1)]
    [InlineData(8_000, 799)]
    public void Output_length_is_the_input_duration_rounded_up(int rate, int inputLength)
    {
        var output = Resampler.Convert(new float[inputLength], rate, 16_000);

        Assert.Equal((int)Math.Ceiling(inputLength * 16_000.0 / rate), output.Length);
    }
}
