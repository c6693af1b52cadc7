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

    public WhisperOptions Whisper { get; set; } = new();

    public PocketSphinxOptions PocketSphinx { get; set; } = new();
}
