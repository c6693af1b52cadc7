namespace EmoStream.Transcribe.PocketSphinx;

/// <summary>The <c>Transcription:PocketSphinx</c> section: where Debian's pocketsphinx-en-us put the model.</summary>
public sealed class PocketSphinxOptions
{
    public string ModelDirectory { get; set; } = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>Acoustic model folder, relative to <see cref="ModelDirectory"/>.</summary>
    public string AcousticModel { get; set; } = "en-us";

    public string LanguageModel { get; set; } = "en-us.lm.bin";

    public string Dictionary { get; set; } = "cmudict-en-us.dict";

    public string AcousticModelPath => Path.Combine(ModelDirectory, AcousticModel);

    public string LanguageModelPath => Path.Combine(ModelDirectory, LanguageModel);

    public string DictionaryPath => Path.Combine(ModelDirectory, Dictionary);

    /// <summary>The first model file or folder that is missing, described for a user; null when all are there.</summary>
    public string? DescribeMissingModel()
    {
        if (!Directory.Exists(AcousticModelPath)) return $"PocketSphinx acoustic model folder '{AcousticModelPath}' does not exist";
        if (!File.Exists(LanguageModelPath)) return $"PocketSphinx language model '{LanguageModelPath}' does not exist";
        if (!File.Exists(DictionaryPath)) return $"PocketSphinx dictionary '{DictionaryPath}' does not exist";
        return null;
    }
}
