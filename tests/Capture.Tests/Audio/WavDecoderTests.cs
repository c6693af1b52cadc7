using EmoStream.Capture.Audio;
using EmoStream.Capture.Audio.Wav;
using EmoStream.Capture.Tests.Support;

namespace EmoStream.Capture.Tests.Audio;

public sealed class WavDecoderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<WavEncoding, bool, double> Encodings => new()
    {
        // encoding, extensible, largest error allowed (half a quantisation step, or float rounding)
        { WavEncoding.Int8, false, 1.0 / 128 },
        { WavEncoding.Int16, false, 1.0 / 32768 },
        { WavEncoding.Int24, false, 1.0 / 8388608 },
        { WavEncoding.Int32, false, 1e-7 },
        { WavEncoding.Float32, false, 0 },
        { WavEncoding.Float64, false, 1e-7 },
        { WavEncoding.Int8, true, 1.0 / 128 },
        { WavEncoding.Int16, true, 1.0 / 32768 },
        { WavEncoding.Int24, true, 1.0 / 8388608 },
        { WavEncoding.Int32, true, 1e-7 },
        { WavEncoding.Float32, true, 0 },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Decodes_every_sample_encoding_with_channels_apart(WavEncoding encoding, bool extensible, double tolerance)
    {
        var left = Signals.Tone(440, 22_050, 0.25, amplitude: 0.6);
        var right = Signals.Tone(1000, 22_050, 0.25, amplitude: 0.3);
        var path = _dir.File($"{encoding}-{extensible}.wav");
        WavWriter.Write(path, [left, right], 22_050, encoding, extensible);

        var audio = new WavDecoder().TryDecode(path);

        Assert.NotNull(audio);
        Assert.Equal(22_050, audio.SampleRate);
        Assert.Equal(2, audio.ChannelCount);
        Assert.Equal(left.Length, audio.FrameCount);
        AssertClose(left, audio.Channels[0], tolerance + 1e-9);
        AssertClose(right, audio.Channels[1], tolerance + 1e-9);
    }

    [Theory]
    [InlineData(8_000)]
    [InlineData(11_025)]
    [InlineData(16_000)]
    [InlineData(22_050)]
    [InlineData(32_000)]
    [InlineData(44_100)]
    [InlineData(48_000)]
    [InlineData(88_200)]
    [InlineData(96_000)]
    [InlineData(176_400)]
    [InlineData(192_000)]
    public void Reads_any_rate_to_16k_mono_keeping_a_speech_band_tone(int rate)
    {
        var path = _dir.File($"tone-{rate}.wav");
        WavWriter.Write(path, [Signals.Tone(1000, rate, 0.5, amplitude: 0.5)], rate, WavEncoding.Int16);

        var samples = AudioFileReader.Default.Read16kMono(path);

        Assert.Equal(8_000, samples.Length);
        Assert.InRange(Signals.Db(Signals.MiddleRms(samples) / (0.5 / Math.Sqrt(2))), -0.05, 0.05);
    }

    [Fact]
    public void Reads_six_channel_extensible_and_mixes_down_or_keeps_channels()
    {
        var channels = Enumerable.Range(0, 6)
            .Select(c => Signals.Tone(300 + 200 * c, 48_000, 0.5, amplitude: 0.1 * (c + 1)))
            .ToArray();
        var path = _dir.File("surround.wav");
        WavWriter.Write(path, channels, 48_000, WavEncoding.Int24, extensible: true);

        var kept = AudioFileReader.Default.ReadChannels16k(path);
        var mono = AudioFileReader.Default.Read16kMono(path);

        Assert.Equal(6, kept.ChannelCount);
        Assert.Equal(16_000, kept.SampleRate);
        for (var c = 0; c < 6; c++)
        {
            var middle = kept.Channels[c].AsSpan(2000, 4000);
            Assert.InRange(Signals.Amplitude(middle, 300 + 200 * c, 16_000), 0.1 * (c + 1) * 0.98, 0.1 * (c + 1) * 1.02);
        }
        // Equal-weight mix: every tone at a sixth of its own amplitude.
        for (var c = 0; c < 6; c++)
            Assert.InRange(Signals.Amplitude(mono.AsSpan(2000, 4000), 300 + 200 * c, 16_000), 0.1 * (c + 1) / 6 * 0.98, 0.1 * (c + 1) / 6 * 1.02);
    }

    [Fact]
    public void Skips_unknown_chunks_and_odd_padding()
    {
        var tone = Signals.Tone(440, 16_000, 0.1);
        var path = _dir.File("chunks.wav");
        WavWriter.Write(path, [tone], 16_000, WavEncoding.Float32, extraChunks: true);

        var audio = new WavDecoder().TryDecode(path);

        Assert.NotNull(audio);
        Assert.Equal(tone, audio.Channels[0]);
    }

    [Fact]
    public void Reads_a_streamed_wav_whose_data_size_is_unknown()
    {
        var tone = Signals.Tone(440, 16_000, 0.1);
        var bytes = WavWriter.Encode([tone], 16_000, WavEncoding.Float32);
        var dataSize = bytes.AsSpan().IndexOf("data"u8) + 4;
        BitConverter.GetBytes(0xFFFFFFFFu).CopyTo(bytes, dataSize);
        var path = _dir.File("streamed.wav");
        File.WriteAllBytes(path, bytes);

        var audio = new WavDecoder().TryDecode(path);

        Assert.NotNull(audio);
        Assert.Equal(tone, audio.Channels[0]);
    }

    [Fact]
    public void What_the_product_writes_reads_back_as_its_16_bit_values_with_channels_apart()
    {
        var left = Signals.Tone(440, 8_000, 3.0, 0.6);
        var right = Signals.Tone(1000, 8_000, 3.0, 1.2); // clipped
        var path = _dir.File(Path.Combine("stored", "call.wav"));

        Pcm16WavWriter.Write(path, [left, right], 8_000);
        var audio = new WavDecoder().TryDecode(path);

        Assert.NotNull(audio);
        Assert.Equal(8_000, audio.SampleRate);
        Assert.Equal(44 + 4 * left.Length, new FileInfo(path).Length);
        Assert.Equal(left.Select(x => Pcm16WavWriter.ToInt16(x) / 32768f), audio.Channels[0]);
        Assert.Equal(right.Select(x => Pcm16WavWriter.ToInt16(x) / 32768f), audio.Channels[1]);
        Assert.Equal(32767 / 32768f, audio.Channels[1].Max());
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Declines_files_that_are_not_riff_wave()
    {
        var path = _dir.File("text.wav");
        File.WriteAllText(path, "this is not audio at all, just some text in a file");

        Assert.Null(new WavDecoder().TryDecode(path));
    }

    private static void AssertClose(float[] expected, float[] actual, double tolerance)
    {
        var worst = expected.Zip(actual, (e, a) => Math.Abs((double)e - a)).Max();
        Assert.True(worst <= tolerance, $"largest difference {worst:g3} exceeds {tolerance:g3}");
    }
}
