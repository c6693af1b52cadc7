namespace EmoStream.Transcribe.Whisper;

/// <summary>The <c>Transcription:Whisper</c> section.</summary>
public sealed class WhisperOptions
{
    /// <summary>Folder of ggml model files (<c>emostream models pull</c> writes there); relative to the working folder.</summary>
    public string ModelDirectory { get; set; } = ".cache/models";

    /// <summary>Model name, for instance "base.en"; the file is <c>ggml-NAME.bin</c> in <see cref="ModelDirectory"/>.</summary>
    public string Model { get; set; } = "base.en";

    /// <summary>CPU threads per decoding call.</summary>
    public int Threads { get; set; } = 1;

    public string Language { get; set; } = "en";

    /// <summary>A segment whose no-speech probability exceeds this (and whose tokens are unsure) is dropped.</summary>
    public double NoSpeechThreshold { get; set; } = 0.6;

    /// <summary>Output whose geometric-mean token probability is below this is dropped as implausible.</summary>
    public double MinConfidence { get; set; } = 0.4;

    /// <summary>Text that conditions the decoder (vocabulary, spelling of names); empty for none.</summary>
    public string InitialPrompt { get; set; } = "";

    public string ModelPath => Path.GetFullPath(Path.Combine(ModelDirectory, ModelFileName(Model)));

    public static string ModelFileName(string model) => $"ggml-{model}.bin";
}
