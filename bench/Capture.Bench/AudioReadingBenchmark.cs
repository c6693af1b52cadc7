using EmoStream.Bench;
using System.Diagnostics;
using EmoStream.Capture.Audio;
using EmoStream.Capture.Audio.Resampling;

namespace EmoStream.Capture.Bench;

/// <summary>Resampling to 16 kHz from common rates, and reading a WAV file end to end, as multiples of real time on one core.</summary>
public sealed class AudioReadingBenchmark : IBenchmark
{
    public string Name => "audio-reading";
    public string Description => "resampler speed from common rates and WAV read + resample to 16 kHz mono, vs real time [seconds=120]";

    public void Run(IReadOnlyList<string> args)
    {
        var seconds = args.Count > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 120;
        foreach (var rate in new[] { 8_000, 22_050, 44_100, 48_000, 96_000 })
        {
            var input = Noise((int)(seconds * rate));
            Resampler.Convert(input.AsSpan(0, rate), rate, SpeechAudio.SampleRate); // warm-up and filter design
            var clock = Stopwatch.StartNew();
            Resampler.Convert(input, rate, SpeechAudio.SampleRate);
            clock.Stop();
            Console.WriteLine($"resample {rate,6} Hz -> 16 kHz: {seconds / clock.Elapsed.TotalSeconds,6:F0}x real time");
        }

        var path = Path.Combine(Path.GetTempPath(), $"capture-bench-{Environment.ProcessId}.wav");
        try
        {
            WriteStereo16(path, Noise((int)(seconds * 44_100 * 2)), 44_100);
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

    private static float[] Noise(int length)
    {
        var random = new Random(2);
        var samples = new float[length];
        for (var i = 0; i < length; i++) samples[i] = (float)(random.NextDouble() - 0.5);
        return samples;
    }

    private static void WriteStereo16(string path, float[] interleaved, int rate)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("RIFF"u8);
        writer.Write(36 + interleaved.Length * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)2);
        writer.Write(rate);
        writer.Write(rate * 4);
        writer.Write((short)4);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(interleaved.Length * 2);
        foreach (var s in interleaved) writer.Write((short)(s * 32767));
    }
}
