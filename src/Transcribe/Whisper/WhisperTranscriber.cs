using EmoStream.Transcribe.Whisper.Native;
using Microsoft.Extensions.Logging;

namespace EmoStream.Transcribe.Whisper;

/// <summary>Whisper through whisper.cpp: contexts (model + state each) pooled across sessions, implausible output dropped.</summary>
public sealed class WhisperTranscriber : PooledTranscriber<WhisperContext>
{
    public const string EngineName = "whisper";

    private readonly WhisperOptions _engineOptions;
    private readonly WhisperOutputFilter _filter;

    public WhisperTranscriber(TranscriptionOptions options, ILogger<WhisperTranscriber> logger)
        : base(EngineName, options, logger)
    {
        _engineOptions = options.Whisper;
        _filter = new WhisperOutputFilter(options.Whisper.NoSpeechThreshold, options.Whisper.MinConfidence);
        WhisperLibrary.UsePath(options.Whisper.LibraryPath);
    }

    /// <summary>Why Whisper cannot run here (no model file, no library); null when it can.</summary>
    public static string? DescribeUnavailability(WhisperOptions options)
    {
        if (!File.Exists(options.ModelPath)) return $"Whisper model '{options.ModelPath}' is not present (emostream models pull {options.Model})";
        return WhisperLibrary.Locate(options.LibraryPath) is null ? $"{WhisperLibrary.FileName} was not found (run scripts/setup.sh)" : null;
    }

    protected override WhisperContext CreateDecoder() => WhisperContext.Load(_engineOptions.ModelPath);

    protected override EngineOutput Decode(WhisperContext decoder, float[] samples, CancellationToken abandoned) =>
        _filter.Apply(decoder.Transcribe(samples, _engineOptions, abandoned));
}
