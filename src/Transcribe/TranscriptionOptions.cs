using EmoStream.Transcribe.PocketSphinx;
using EmoStream.Transcribe.Whisper;

namespace EmoStream.Transcribe;

/// <summary>The <c>Transcription</c> section of appsettings.json.</summary>
public sealed class TranscriptionOptions
{
    public const string SectionName = "Transcription";

    public TranscriptionEngine Engine { get; set; } = TranscriptionEngine.Auto;

    /// <summary>Decoders (Whisper contexts, PocketSphinx decoders) shared by all sessions; each holds its model in memory.</summary>
    public int MaxConcurrentDecoders { get; set; } = 2;

    /// <summary>An utterance whose decoding takes longer loses its text; the session goes on.</summary>
    public TimeSpan UtteranceTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Utterances quieter than this (RMS, dB full scale) never reach an engine: both invent words on silence.</summary>
    public double SilenceThresholdDbfs { get; set; } = -50;

    /// <summary>How long an utterance of a live session whose text comes from an external recogniser waits for late text.</summary>
    public TimeSpan LateTextWait { get; set; } = TimeSpan.FromSeconds(5);

    public WhisperOptions Whisper { get; set; } = new();

    public PocketSphinxOptions PocketSphinx { get; set; } = new();

    /// <summary>Checks the values that have limits; the message names the setting.</summary>
    /// <exception cref="TranscriptionConfigurationException">A setting is out of range.</exception>
    public void Validate()
    {
        string? problem = null;
        if (MaxConcurrentDecoders < 1) problem = $"MaxConcurrentDecoders is {MaxConcurrentDecoders}, expected 1 or more";
        else if (UtteranceTimeout <= TimeSpan.Zero) problem = $"UtteranceTimeout is {UtteranceTimeout}, expected a positive time";
        else if (LateTextWait < TimeSpan.Zero || LateTextWait > TimeSpan.FromMinutes(5)) problem = $"LateTextWait is {LateTextWait}, expected 0 to 5 minutes";
        else if (Whisper.Threads < 1) problem = $"Whisper:Threads is {Whisper.Threads}, expected 1 or more";
        else if (Whisper.NoSpeechThreshold is < 0 or > 1) problem = $"Whisper:NoSpeechThreshold is {Whisper.NoSpeechThreshold}, expected 0..1";
        else if (Whisper.MinConfidence is < 0 or > 1) problem = $"Whisper:MinConfidence is {Whisper.MinConfidence}, expected 0..1";
        else if (string.IsNullOrWhiteSpace(Whisper.Model)) problem = "Whisper:Model is empty";
        if (problem is not null) throw new TranscriptionConfigurationException($"{SectionName}:{problem}");
    }
}
