using EmoStream.Transcribe.Whisper;
using EmoStream.Transcribe.Whisper.Models;

namespace EmoStream.Transcribe.Tests.Whisper;

/// <summary>
/// A random-weight ggml model with tiny dimensions (one 64-wide layer each side), written once per test run.
/// Random weights never emit end-of-text, so whisper.cpp decodes to its limit (half the text context) through every
/// temperature fallback: a 64-token text context keeps that affordable.
/// </summary>
public static class TinyWhisperModel
{
    public static WhisperHyperParameters HyperParameters { get; } =
        new(WhisperHyperParameters.EnglishVocabulary, 1500, 64, 2, 1, 64, 64, 2, 1, 80, 1);

    /// <summary>Engine options on this model, with a time-out no loaded test machine reaches (time-outs are tested apart).</summary>
    public static TranscriptionOptions TranscriptionOptions(string? modelPath = null) => new()
    {
        Whisper = WhisperOptionsFor(modelPath ?? ModelPath),
        UtteranceTimeout = TimeSpan.FromMinutes(10),
    };

    public static WhisperOptions WhisperOptionsFor(string modelPath)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(modelPath);
        return new WhisperOptions
        {
            ModelDirectory = System.IO.Path.GetDirectoryName(modelPath)!,
            Model = name.StartsWith("ggml-", StringComparison.Ordinal) ? name["ggml-".Length..] : name,
        };
    }

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
