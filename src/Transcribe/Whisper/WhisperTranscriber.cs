using Microsoft.Extensions.Logging;

namespace EmoStream.Transcribe.Whisper;

/// <summary>
/// Whisper through Whisper.net: one model loaded once and shared, one processor per concurrent call (pooled across
/// sessions), implausible output dropped.
/// </summary>
public sealed class WhisperTranscriber : PooledTranscriber<WhisperDecoder>
{
    public const string EngineName = "whisper";

    private readonly WhisperOptions _engineOptions;
    private readonly WhisperOutputFilter _filter;
    private readonly Lock _loading = new();
    private WhisperModel? _model;

    public WhisperTranscriber(TranscriptionOptions options, ILogger<WhisperTranscriber> logger)
        : base(EngineName, options, logger)
    {
        _engineOptions = options.Whisper;
        _filter = new WhisperOutputFilter(options.Whisper.NoSpeechThreshold, options.Whisper.MinConfidence);
    }

    /// <summary>Why Whisper cannot run here (no model file); null when it can.</summary>
    public static string? DescribeUnavailability(WhisperOptions options) =>
        File.Exists(options.ModelPath) ? null : $"Whisper model '{options.ModelPath}' is not present (emostream models pull {options.Model})";

    /// <summary>The first decoder loads the model; a load that failed is tried again by the next.</summary>
    protected override WhisperDecoder CreateDecoder()
    {
        lock (_loading)
        {
            _model ??= WhisperModel.Load(_engineOptions.ModelPath);
            return _model.CreateDecoder(_engineOptions);
        }
    }

    protected override EngineOutput Decode(WhisperDecoder decoder, float[] samples, CancellationToken abandoned) =>
        _filter.Apply(decoder.TranscribeAsync(samples, abandoned).GetAwaiter().GetResult());

    protected override void ReleaseShared()
    {
        lock (_loading)
        {
            _model?.Release();
            _model = null;
        }
    }
}
