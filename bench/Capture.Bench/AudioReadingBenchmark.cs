using EmoStream.Bench;
using System.Diagnostics;
using EmoStream.Capture.Audio;
using EmoStream.Capture.Audio.Resampling;
using EmoStream.Capture.Audio.Wav;
using EmoStream.Capture.Tests.Support;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace EmoStream.Capture.Bench;

/// <summary>
/// Resampling to 16 kHz from common rates with our resampler and with NAudio's <see cref="WdlResamplingSampleProvider"/>
/// (speed as multiples of real time on one core, and the figures the resampler tests check: pass band, stop band,
/// image rejection, alignment), and reading a WAV file end to end.
/// </summary>
public sealed class AudioReadingBenchmark : IBenchmark
{
    public string Name => "audio-reading";
    public string Description => "resampler (ours and NAudio's WDL) speed and quality to 16 kHz, and WAV read + resample to 16 kHz mono, vs real time [seconds=120]";

    private static readonly (string Name, Func<float[], int, float[]> Convert)[] Resamplers =
    [
        ("ours", (input, rate) => Resampler.Convert(input, rate, SpeechAudio.SampleRate)),
        ("NAudio WDL", NAudioWdl),
    ];

    public void Run(IReadOnlyList<string> args)
    {
        var seconds = args.Count > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 120;
        foreach (var rate in new[] { 8_000, 22_050, 44_100, 48_000, 96_000 })
        {
            var input = Noise((int)(seconds * rate));
            foreach (var (name, convert) in Resamplers)
            {
                convert(input[..rate], rate); // warm-up and filter design
                var clock = Stopwatch.StartNew();
                convert(input, rate);
                clock.Stop();
                Console.WriteLine($"resample {rate,6} Hz -> 16 kHz, {name,-10}: {seconds / clock.Elapsed.TotalSeconds,6:F0}x real time");
            }
        }
        foreach (var (name, convert) in Resamplers) Quality(name, convert);

        var path = Path.Combine(Path.GetTempPath(), $"capture-bench-{Environment.ProcessId}.wav");
        try
        {
            Pcm16WavWriter.Write(path, [Noise((int)(seconds * 44_100)), Noise((int)(seconds * 44_100))], 44_100);
            AudioFileReader.Default.Read16kMono(path);
            var clock = Stopwatch.StartNew();
            AudioFileReader.Default.Read16kMono(path);
            clock.Stop();
            Console.WriteLine($"read 44.1 kHz stereo 16-bit WAV -> 16 kHz mono: {seconds / clock.Elapsed.TotalSeconds,6:F0}x real time");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The resampler tests' figures (tests/Capture.Tests/Audio/ResamplerTests.cs), with what the tests require.</summary>
    private static void Quality(string name, Func<float[], int, float[]> convert)
    {
        var full = 0.5 / Math.Sqrt(2);
        var pass = Signals.Db(Signals.MiddleRms(convert(Signals.Tone(7_500, 44_100, 1.0), 44_100)) / full);
        var stops = new[] { (9_000, 44_100), (12_000, 44_100), (12_000, 48_000), (20_000, 192_000), (30_000, 96_000) }
            .Select(t => $"{t.Item1 / 1000} kHz from {t.Item2 / 1000.0:0.#} kHz {-Signals.Db(Signals.MiddleRms(convert(Signals.Tone(t.Item1, t.Item2, 1.0), t.Item2)) / full):F1} dB");
        var up = convert(Signals.Tone(3_000, 8_000, 1.0), 8_000).AsSpan(3200, 9600);
        var aligned = convert(Signals.Tone(200, 44_100, 0.5, phase: 0.3), 44_100);
        var expected = Signals.Tone(200, 16_000, 0.5, phase: 0.3);
        var error = Enumerable.Range(800, Math.Min(aligned.Length, expected.Length) - 1600).Max(i => Math.Abs(aligned[i] - expected[i]));
        Console.WriteLine($"{name}: 7.5 kHz from 44.1 kHz {pass:+0.00;-0.00} dB (tests: within 0.1 dB); stop band (tests: 60 dB or more): {string.Join(", ", stops)}");
        Console.WriteLine($"{name}: 8 -> 16 kHz: 3 kHz tone at {Signals.Amplitude(up, 3_000, 16_000) / 0.5:F3} of its amplitude (tests: 0.99-1.01), " +
            $"image at 5 kHz {Signals.Db(Signals.Amplitude(up, 5_000, 16_000) / 0.5):F1} dB (tests: below -60); alignment from 44.1 kHz: largest error {error:F4} (tests: below 0.001)");
    }

    private static float[] NAudioWdl(float[] input, int rate)
    {
        var resampler = new WdlResamplingSampleProvider(new ArraySampleProvider(input, rate), SpeechAudio.SampleRate);
        var output = new List<float>((int)((long)input.Length * SpeechAudio.SampleRate / rate) + 1024);
        var buffer = new float[1 << 16];
        for (int n; (n = resampler.Read(buffer)) > 0;) output.AddRange(buffer.AsSpan(0, n));
        return [.. output];
    }

    private sealed class ArraySampleProvider(float[] samples, int rate) : ISampleProvider
    {
        private int _at;

        public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(rate, 1);

        public int Read(Span<float> buffer)
        {
            var n = Math.Min(buffer.Length, samples.Length - _at);
            samples.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }
    }

    private static float[] Noise(int length)
    {
        var random = new Random(2);
        var samples = new float[length];
        for (var i = 0; i < length; i++) samples[i] = (float)(random.NextDouble() - 0.5);
        return samples;
    }
}
