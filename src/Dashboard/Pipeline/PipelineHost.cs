using System.Collections.Concurrent;
using EmoStream.Capture.Pipeline;
using EmoStream.Capture.Segmentation;
using EmoStream.Capture.Streams;
using EmoStream.Capture.Vad;
using EmoStream.Dashboard.Storage;
using EmoStream.Inference.Features.Lexical;
using EmoStream.Transcribe;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EmoStream.Dashboard.Pipeline;

/// <summary>
/// Runs any number of independent sessions over shared resources: one loaded model, one transcriber (its decoder
/// pool bounds transcription across sessions), one VAD model and one store. Disposing stops every session cleanly
/// (each drains what it captured into storage) before releasing them.
/// </summary>
public sealed class PipelineHost : IAsyncDisposable
{
    private readonly PipelineResources _shared;
    private readonly ConcurrentDictionary<string, SessionPipeline> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();

    private PipelineHost(PipelineResources shared, TranscriberSelection transcription)
    {
        _shared = shared;
        Transcription = transcription;
    }

    public ScoringModel Model => _shared.Model;

    public ISessionStore Store => _shared.Store;

    /// <summary>Which transcription engine runs, and why (for instance none because no engine is installed).</summary>
    public TranscriberSelection Transcription { get; }

    public IReadOnlyCollection<SessionPipeline> Running => _running.Values.ToArray();

    /// <summary>
    /// Builds the shared resources from configuration (<c>Pipeline</c>, <c>Storage</c>, <c>Capture</c>,
    /// <c>Transcription</c>, <c>Features:Lexical</c>) and loads the model at <paramref name="modelPath"/>.
    /// </summary>
    public static async Task<PipelineHost> CreateAsync(IConfiguration configuration, string modelPath, ILoggerFactory loggers,
        CancellationToken cancellationToken = default)
    {
        var options = configuration.GetSection(PipelineOptions.SectionName).Get<PipelineOptions>() ?? new PipelineOptions();
        options.Validate();
        var scoring = configuration.GetSection(ScoringOptions.SectionName).Get<ScoringOptions>() ?? new ScoringOptions();
        if (scoring.Window < 1) throw new PipelineConfigurationException($"{ScoringOptions.SectionName}:Window is {scoring.Window}; expected at least 1");
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var segmentation = configuration.GetSection(SegmentationOptions.SectionName).Get<SegmentationOptions>() ?? new SegmentationOptions();
        segmentation.Validate();
        var capture = configuration.GetSection(CaptureSessionOptions.SectionName).Get<CaptureSessionOptions>() ?? new CaptureSessionOptions();
        var vadOptions = configuration.GetSection(VadOptions.SectionName).Get<VadOptions>() ?? new VadOptions();
        var transcription = configuration.GetSection(TranscriptionOptions.SectionName).Get<TranscriptionOptions>() ?? new TranscriptionOptions();
        var lexical = configuration.GetSection("Features:Lexical").Get<LexicalFeaturizerOptions>() ?? new LexicalFeaturizerOptions();

        var store = await SqliteSessionStore.OpenAsync(storage.DatabasePath, cancellationToken).ConfigureAwait(false);
        foreach (var id in await store.InterruptOrphansAsync(cancellationToken).ConfigureAwait(false))
            loggers.CreateLogger<PipelineHost>().LogWarning("session {Session} was left running by a process that ended; marked interrupted", id);
        var model = ScoringModel.Load(modelPath, lexical);
        IVoiceActivityDetectorFactory? vad = null;
        try
        {
            vad = VoiceActivityDetection.CreateFactory(vadOptions);
            var factory = new TranscriberFactory(transcription, loggers);
            // A model without text needs no words: do not load an engine for nothing.
            var selection = model.Lexical is null
                ? new TranscriberSelection(TranscriptionEngine.None, "the model uses no text")
                : factory.Select();
            var transcriber = await factory.CreateAsync(selection, cancellationToken).ConfigureAwait(false);
            var shared = new PipelineResources(model, transcriber, vad, store, options, scoring, segmentation, capture, storage.StoreAudio, loggers);
            return new PipelineHost(shared, selection);
        }
        catch
        {
            vad?.Dispose();
            model.Dispose();
            throw;
        }
    }

    /// <summary>Records a new session and starts its pipeline; read its <see cref="SessionPipeline.Results"/> to keep it flowing.</summary>
    public async Task<SessionPipeline> StartSessionAsync(IAudioSource source, SessionKind kind, IReadOnlyList<string> speakers,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_shutdown.IsCancellationRequested, this);
        var session = new SessionRecord(Guid.NewGuid().ToString("N"), kind, source.Name, SessionStatus.Running, DateTimeOffset.UtcNow, null,
            speakers, _shared.Model.Id);
        await _shared.Store.CreateSessionAsync(session, cancellationToken).ConfigureAwait(false);
        var pipeline = new SessionPipeline(session, source, _shared, _shutdown.Token);
        _running[session.Id] = pipeline;
        // Synchronous, and registered before anyone awaits the session: it has left Running when an awaiter resumes.
        _ = pipeline.Completion.ContinueWith(_ => _running.TryRemove(session.Id, out var _), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return pipeline;
    }

    /// <summary>Stops every running session, letting each store what it captured, then releases the shared resources.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_shutdown.IsCancellationRequested) return;
        await Task.WhenAll(_running.Values.Select(p => p.StopAsync())).ConfigureAwait(false);
        await _shutdown.CancelAsync().ConfigureAwait(false);
        _shared.Transcriber?.Dispose();
        _shared.Vad.Dispose();
        _shared.Model.Dispose();
        _shutdown.Dispose();
    }
}
