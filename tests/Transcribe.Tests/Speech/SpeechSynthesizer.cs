using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace EmoStream.Transcribe.Tests.Speech;

/// <summary>
/// Test speech: espeak-ng (US English, 150 words per minute) resampled by sox to 16 kHz mono 16-bit, cached
/// by text under the temp folder so repeated runs do not synthesize again.
/// </summary>
public static class SpeechSynthesizer
{
    private static readonly string CacheFolder = Path.Combine(Path.GetTempPath(), "emostream-transcribe-speech");

    public static float[] Speak(string text)
    {
        Directory.CreateDirectory(CacheFolder);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        var path = Path.Combine(CacheFolder, key + ".wav");
        if (!File.Exists(path))
        {
            // Unique names: test classes run in parallel and may synthesize the same sentence at once.
            var unique = Guid.NewGuid().ToString("N");
            var raw = Path.Combine(CacheFolder, $"{key}.{unique}.espeak.wav");
            var part = Path.Combine(CacheFolder, $"{key}.{unique}.part.wav");
            Run("espeak-ng", "-v", "en-us", "-s", "150", "-w", raw, text);
            Run("sox", raw, "-r", "16000", "-c", "1", "-b", "16", part);
            File.Delete(raw);
            File.Move(part, path, overwrite: true);
        }
        var (samples, rate) = WavFile.Read(path);
        if (rate != 16000) throw new InvalidDataException($"{path}: {rate} Hz, expected 16000");
        return samples;
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {error}");
    }
}
