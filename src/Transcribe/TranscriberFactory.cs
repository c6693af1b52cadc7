using EmoStream.Transcribe.PocketSphinx;
using EmoStream.Transcribe.Whisper;
using Microsoft.Extensions.Logging;

namespace EmoStream.Transcribe;

/// <summary>Chooses and builds the engine named by <c>Transcription:Engine</c>.</summary>
public sealed class TranscriberFactory
{
    private readonly TranscriptionOptions _options;
    private readonly ILoggerFactory _loggers;

    /// <exception cref="TranscriptionConfigurationException">A setting is out of range.</exception>
    public TranscriberFactory(TranscriptionOptions options, ILoggerFactory loggers)
    {
        options.Validate();
        _options = options;
        _loggers = loggers;
    }

    /// <summary>
    /// auto: Whisper when its model file is present, else PocketSphinx when installed, else none.
    /// An engine named explicitly is taken as is; <see cref="CreateAsync"/> then fails clearly if it cannot run.
    /// </summary>
    public TranscriberSelection Select()
    {
        switch (_options.Engine)
        {
            case TranscriptionEngine.Whisper:
                return new TranscriberSelection(TranscriptionEngine.Whisper, "configured");
            case TranscriptionEngine.PocketSphinx:
                return new TranscriberSelection(TranscriptionEngine.PocketSphinx, "configured");
            case TranscriptionEngine.None:
                return new TranscriberSelection(TranscriptionEngine.None, "transcription is switched off (Transcription:Engine = none)");
        }
        var whisper = WhisperTranscriber.DescribeUnavailability(_options.Whisper);
        if (whisper is null)
            return new TranscriberSelection(TranscriptionEngine.Whisper, $"auto: Whisper model '{_options.Whisper.ModelPath}' is present");
        var sphinx = PocketSphinxTranscriber.DescribeUnavailability(_options.PocketSphinx);
        if (sphinx is null)
            return new TranscriberSelection(TranscriptionEngine.PocketSphinx, $"auto: {whisper}; PocketSphinx is installed");
        return new TranscriberSelection(TranscriptionEngine.None, $"auto: {whisper}; {sphinx}");
    }

    /// <summary>Builds the selected engine with one decoder loaded; null when the selection is none.</summary>
    public async Task<ISpeechTranscriber?> CreateAsync(TranscriberSelection selection, CancellationToken cancellationToken = default) =>
        selection.Engine switch
        {
            TranscriptionEngine.Whisper => await PreloadedAsync(
                new WhisperTranscriber(_options, _loggers.CreateLogger<WhisperTranscriber>()), cancellationToken).ConfigureAwait(false),
            TranscriptionEngine.PocketSphinx => await PreloadedAsync(
                new PocketSphinxTranscriber(_options, _loggers.CreateLogger<PocketSphinxTranscriber>()), cancellationToken).ConfigureAwait(false),
            TranscriptionEngine.None => null,
            _ => throw new ArgumentOutOfRangeException(nameof(selection), selection.Engine, "auto must be resolved by Select first"),
        };

    private static async Task<ISpeechTranscriber> PreloadedAsync<T>(PooledTranscriber<T> transcriber, CancellationToken cancellationToken)
        where T : class, IDisposable
    {
        try
        {
            await transcriber.PreloadAsync(cancellationToken).ConfigureAwait(false);
            return transcriber;
        }
        catch
        {
            transcriber.Dispose();
            throw;
        }
    }
}
