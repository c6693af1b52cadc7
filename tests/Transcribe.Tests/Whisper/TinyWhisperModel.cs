using EmoStream.Transcribe.Whisper.Models;

namespace EmoStream.Transcribe.Tests.Whisper;

/// <summary>A random-weight ggml model with tiny dimensions (one 64-wide layer each side), written once per test run.</summary>
public static class TinyWhisperModel
{
    public static WhisperHyperParameters HyperParameters { get; } =
        new(WhisperHyperParameters.EnglishVocabulary, 1500, 64, 2, 1, 448, 64, 2, 1, 80, 1);

    private static readonly Lazy<string> File = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("emostream-whisper-model-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        var path = Path.Combine(folder, "ggml-tiny-random.bin");
        WhisperModelFile.WriteRandom(path, HyperParameters, seed: 7);
        return path;
    });

    public static string ModelPath => File.Value;

    /// <summary>A copy of the model's first <paramref name="bytes"/> bytes (or its bytes changed by <paramref name="corrupt"/>).</summary>
    public static string Damaged(string name, long? bytes = null, Action<byte[]>? corrupt = null)
    {
        var data = System.IO.File.ReadAllBytes(ModelPath);
        if (bytes is { } n) data = data[..(int)n];
        corrupt?.Invoke(data);
        var path = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(ModelPath)!, name);
        System.IO.File.WriteAllBytes(path, data);
        return path;
    }
}
