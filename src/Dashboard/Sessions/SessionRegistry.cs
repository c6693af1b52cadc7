using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using EmoStream.Capture.Audio;
using EmoStream.Capture.Network;
using EmoStream.Capture.Pipeline;
using EmoStream.Capture.Segmentation;
using EmoStream.Capture.Sources;
using EmoStream.Capture.Streams;
using EmoStream.Capture.Vad;
using EmoStream.Inference.Features.Lexical;
using EmoStream.Inference.Scoring;
using EmoStream.Sessions.Alerts;
using EmoStream.Sessions.Configuration;
using EmoStream.Sessions.Corrections;
using EmoStream.Sessions.Models;
using EmoStream.Sessions.Pipeline;
using EmoStream.Sessions.Storage;
using EmoStream.Transcribe;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EmoStream.Sessions;

/// <summary>
/// The one registry of running sessions and their lifecycle. It holds what every session shares (the models, one
/// active for new sessions while each session keeps the one it started with; one transcriber whose decoder pool bounds transcription across sessions, one VAD model, one store), starts
/// replays and live streams, keeps each session from its start until its observers heard its end, and stops them.
/// One reader per session hands its stored results, in order, to the <see cref="ISessionObserver"/>s (the web
/// host's broadcaster, the <c>replay</c> verb). Disposing stops every session cleanly (each drains what it captured
/// into storage and its observers hear it) before releasing the shared resources.
/// </summary>
public sealed class SessionRegistry : IAsyncDisposable
{
    /// <summary>Messages an ingest connection may queue ahead of capture before its reads wait.</summary>
    private const int IngestQueue = 64;

    /// <summary>What sessions share; each session's pipeline gets it with the model it leased.</summary>
    private readonly PipelineResources _shared;
    private readonly TelephonyOptions _telephony;
    private readonly TimeSpan _lateTextWait;
    private readonly ConcurrentDictionary<string, RunningSession> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ILogger _logger;
    private ImmutableArray<ISessionObserver> _observers = [];

    private SessionRegistry(PipelineResources shared, ModelSet models, TranscriberSelection transcription, TelephonyOptions telephony, TimeSpan lateTextWait)
    {
        _shared = shared;
        Models = models;
        _telephony = telephony;
        _lateTextWait = lateTextWait;
        Transcription = transcription;
        Corrections = new SessionCorrections(shared.Store, shared.Time);
        _logger = shared.Loggers.CreateLogger<SessionRegistry>();
    }

    /// <summary>The model new sessions start with.</summary>
    public ScoringModel Model => Models.Active;

    /// <summary>The models the server may switch to without restarting, and which is active.</summary>
    public ModelSet Models { get; }

    public ISessionStore Store => _shared.Store;

    /// <summary>People's corrections of stored utterances, and utterances listed with the correction in force.</summary>
    public SessionCorrections Corrections { get; }

    /// <summary>The alert rule every session applies.</summary>
    public AlertOptions Alerts => _shared.Alerts;

    public TimeProvider Time => _shared.Time;

    /// <summary>Which transcription engine runs, and why (for instance none because no engine is installed).</summary>
    public TranscriberSelection Transcription { get; }

    public IReadOnlyCollection<RunningSession> Running => _running.Values.ToArray();

    public bool TryGetRunning(string id, out RunningSession session) => _running.TryGetValue(id, out session!);

    /// <summary>
    /// Builds the shared resources from the options in <paramref name="services"/> (see
    /// <see cref="SessionsConfiguration.AddSessionOptions"/>), checked first, and loads the model at <paramref name="modelPath"/>,
    /// the active one of the models in <c>Models:Directory</c>.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is not accepted (the message names key, value and what is accepted).</exception>
    public static async Task<SessionRegistry> CreateAsync(IServiceProvider services, string modelPath, CancellationToken cancellationToken = default)
    {
        ValidatedOptions.ValidateNow(services);
        T Options<T>() where T : class => services.GetRequiredService<IOptions<T>>().Value;
        var loggers = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var storage = Options<StorageOptions>();
        var alerts = Options<AlertOptions>();

        var store = await SessionStores.OpenAsync(storage, cancellationToken).ConfigureAwait(false);
        // Sessions a process of this machine left running when it ended (killed, crashed) end now: recorded as interrupted.
        foreach (var id in await SessionOrphans.InterruptEndedProcessesAsync(store, storage.DatabasePath, cancellationToken).ConfigureAwait(false))
            loggers.CreateLogger<SessionRegistry>().LogWarning("session {Session} was left running by a process that ended; marked interrupted", id);
        var lexical = Options<LexicalFeaturizerOptions>();
        var model = ScoringModel.Load(modelPath, lexical);
        IVoiceActivityDetectorFactory? vad = null;
        try
        {
            alerts.CheckAgainst(model.Classes);
            vad = VoiceActivityDetection.CreateFactory(Options<VadOptions>());
            var factory = new TranscriberFactory(Options<TranscriptionOptions>(), loggers);
            // A model without text needs no words: do not load an engine for nothing.
            var selection = model.Lexical is null
                ? new TranscriberSelection(TranscriptionEngine.None, "the model uses no text")
                : factory.Select();
            var transcriber = await factory.CreateAsync(selection, cancellationToken).ConfigureAwait(false);
            var shared = new PipelineResources(model, transcriber, vad, store, Options<PipelineOptions>(), Options<ScoringOptions>(),
                Options<SegmentationOptions>(), Options<CaptureSessionOptions>(), storage.StoreAudio, storage.StoreFeatures, alerts, time, loggers);
            var models = new ModelSet(model, modelPath, Options<ModelsOptions>().Directory, path => ScoringModel.Load(path, lexical),
                candidate => SwitchProblem(candidate, model, transcriber is null));
            return new SessionRegistry(shared, models, selection, Options<TelephonyOptions>(), Options<TranscriptionOptions>().LateTextWait);
        }
        catch
        {
            vad?.Dispose();
            model.Dispose();
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Why the server cannot switch to <paramref name="candidate"/>: the page, the alert rule and the stored sessions
    /// share one set of classes, and a server started with a model without text runs no transcriber.
    /// </summary>
    private static string? SwitchProblem(ScoringModel candidate, ScoringModel started, bool noTranscriber)
    {
        if (!candidate.Classes.SequenceEqual(started.Classes))
            return $"its classes ({string.Join(", ", candidate.Classes)}) differ from the server's ({string.Join(", ", started.Classes)}); restart the server with it";
        if (noTranscriber && candidate.Lexical is not null && started.Lexical is null)
            return "it uses text, but this server started with a model without text and runs no transcriber; restart the server with it";
        return null;
    }

    /// <summary>The same from a configuration (appsettings.json with overrides): its sections bound once here.</summary>
    public static Task<SessionRegistry> CreateAsync(IConfiguration configuration, string modelPath, ILoggerFactory loggers,
        TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var services = new ServiceCollection().AddSingleton(loggers);
        if (time is not null) services.AddSingleton(time);
        services.AddSessionOptions(configuration);
        return CreateAsync(services.BuildServiceProvider(), modelPath, cancellationToken);
    }

    /// <summary>Adds an observer of every session started from now on; dispose the result to remove it.</summary>
    public IDisposable Subscribe(ISessionObserver observer)
    {
        ImmutableInterlocked.Update(ref _observers, list => list.Add(observer));
        return new Subscription(() => ImmutableInterlocked.Update(ref _observers, list => list.Remove(observer)));
    }

    /// <summary>Replays a recording: <paramref name="decoded"/> when it was decoded already, else read from <paramref name="path"/>.</summary>
    /// <param name="transcript">Transcript segments that come with the recording, used instead of the transcriber (engine <c>transcript</c>).</param>
    /// <exception cref="TranscriptFormatException">A segment names a speaker the replay does not have.</exception>
    public Task<RunningSession> StartReplayAsync(string path, ReplayOptions options, CancellationToken cancellationToken, PcmAudio? decoded = null,
        IReadOnlyList<TranscriptSegment>? transcript = null, string? transcriptName = null)
    {
        var speakers = ReplaySpeakers(options);
        var given = transcript is null ? null : GivenTranscripts.For(transcript, speakers, transcriptName ?? "the transcript");
        var source = decoded is null
            ? new FileReplaySource(path, options, time: _shared.Time)
            : new FileReplaySource(path, decoded, options, _shared.Time);
        return StartAsync(source, SessionKind.Replay, speakers, null, cancellationToken, given);
    }

    private static IReadOnlyList<string> ReplaySpeakers(ReplayOptions options) =>
        options.ChannelPerSpeaker ? options.EffectiveSpeakerNames : [options.MixedSpeakerName];

    /// <summary>
    /// Replays an uploaded recording decoded as a stream, so memory stays bounded whatever its length; one longer than
    /// <paramref name="maxDuration"/> ends the session with the reason.
    /// </summary>
    /// <param name="name">The client's name for it (the session's source); the path is never shown.</param>
    /// <param name="transcript">As for <see cref="StartReplayAsync"/>.</param>
    /// <exception cref="TranscriptFormatException">A segment names a speaker the replay does not have.</exception>
    public Task<RunningSession> StartUploadAsync(string path, string name, ReplayOptions options, TimeSpan maxDuration, CancellationToken cancellationToken,
        IReadOnlyList<TranscriptSegment>? transcript = null, string? transcriptName = null)
    {
        var speakers = ReplaySpeakers(options);
        var given = transcript is null ? null : GivenTranscripts.For(transcript, speakers, transcriptName ?? "the transcript");
        return StartAsync(new StreamingReplaySource(path, name, options, maxDuration, _shared.Time), SessionKind.Replay, speakers, null, cancellationToken, given);
    }

    /// <summary>A live session whose audio arrives through <see cref="RunningSession.Ingest"/>.</summary>
    /// <param name="sampleRate">PCM16 only: the rate the client sends at.</param>
    /// <param name="speakers">PCM16: one name per interleaved channel; telephony names speakers by track.</param>
    /// <param name="limits">The idle time-out and how far audio may run ahead of its arrival; <see cref="LiveLimits.Default"/> when null.</param>
    /// <param name="externalTranscript">Text comes from an external recogniser over the ingest socket (<see cref="RunningSession.Transcript"/>)
    /// instead of the transcriber; each utterance waits at most <c>Transcription:LateTextWait</c> for its text.</param>
    public Task<RunningSession> StartLiveAsync(LiveFormat format, int sampleRate, IReadOnlyList<string> speakers, CancellationToken cancellationToken,
        LiveLimits? limits = null, bool externalTranscript = false)
    {
        limits ??= LiveLimits.Default;
        var name = $"live {format.ToString().ToLowerInvariant()}";
        INetworkAudioParser parser = format == LiveFormat.Pcm16
            ? new Pcm16StreamParser(name, sampleRate, speakers)
            : new TelephonyMediaParser(name, _telephony);
        var messages = Channel.CreateBounded<NetworkMessage>(new BoundedChannelOptions(IngestQueue)
            { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        var source = new NetworkAudioSource(name, IdleTimeout.ReadAllAsync(messages.Reader, name, limits.IdleTimeout, limits.Setting),
            new ArrivalLimitedParser(parser, name, limits.MaxLead));
        IReadOnlyList<string> known = format == LiveFormat.Pcm16 ? speakers : _telephony.TrackSpeakers.Values.Distinct().ToArray();
        return StartAsync(source, SessionKind.Live, known, messages.Writer, cancellationToken,
            externalTranscript ? GivenTranscripts.Open(_lateTextWait, known) : null);
    }

    /// <summary>Records a new session, starts its pipeline and keeps it until its observers heard its end.</summary>
    public async Task<RunningSession> StartAsync(IAudioSource source, SessionKind kind, IReadOnlyList<string> speakers,
        ChannelWriter<NetworkMessage>? ingest, CancellationToken cancellationToken, GivenTranscripts? given = null)
    {
        ObjectDisposedException.ThrowIf(_shutdown.IsCancellationRequested, this);
        // The session keeps the model active now to its end, whatever becomes active meanwhile.
        var lease = Models.Lease();
        RunningSession session;
        try
        {
            var record = new SessionRecord(Guid.NewGuid().ToString("N"), kind, source.Name, SessionStatus.Running, _shared.Time.GetUtcNow(), null,
                speakers, lease.Model.Id);
            await _shared.Store.CreateSessionAsync(record, cancellationToken).ConfigureAwait(false);
            session = new RunningSession(new SessionPipeline(record, source, _shared with { Model = lease.Model }, given, _shutdown.Token), ingest, given);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
        _running[session.Id] = session;
        session.Completion = PublishAsync(session, _observers, lease);
        return session;
    }

    /// <summary>
    /// The session's one reader: hands each stored result, then the end, to the observers under the session's gate;
    /// the session leaves the registry after that. Reading never stops early: the pipeline holds back capture when
    /// its results are not read.
    /// </summary>
    private async Task PublishAsync(RunningSession session, ImmutableArray<ISessionObserver> observers, ModelLease model)
    {
        await Task.Yield();
        try
        {
            await NotifyAsync(session, observers, o => o.StartedAsync(session), "its start").ConfigureAwait(false);
            await foreach (var result in session.Pipeline.Results.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                await session.ExclusiveAsync(async () =>
                {
                    await NotifyAsync(session, observers, o => o.UtteranceAsync(session, result), $"utterance {result.Index}").ConfigureAwait(false);
                    session.LastPublished = result.Index;
                    return true;
                }).ConfigureAwait(false);
            }
            var outcome = await session.Pipeline.Completion.ConfigureAwait(false);
            await session.ExclusiveAsync(async () =>
            {
                session.Ended = true;
                await NotifyAsync(session, observers, o => o.EndedAsync(session, outcome), "its end").ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }
        finally
        {
            _running.TryRemove(session.Id, out _);
            model.Dispose();
        }
    }

    private async Task NotifyAsync(RunningSession session, ImmutableArray<ISessionObserver> observers, Func<ISessionObserver, Task> call, string what)
    {
        foreach (var observer in observers)
        {
            try
            {
                await call(observer).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Stored already: a viewer that missed it gets it from storage when it joins again.
                _logger.LogWarning(e, "session {Session}: {Observer} could not take {What}", session.Id, observer.GetType().Name, what);
            }
        }
    }

    /// <summary>Stops capturing; what was captured is still stored and published. Null when the session is not running here.</summary>
    public async Task<SessionOutcome?> StopAsync(string id)
    {
        if (!_running.TryGetValue(id, out var session)) return null;
        var outcome = await session.Pipeline.StopAsync().ConfigureAwait(false);
        await session.Completion.ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Stops every running session and waits until each stored and published what it captured (shutdown).</summary>
    public Task StopAllAsync() => Task.WhenAll(_running.Keys.Select(StopAsync));

    /// <summary>Stops every running session, letting each store and publish what it captured, then releases the shared resources.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_shutdown.IsCancellationRequested) return;
        await StopAllAsync().ConfigureAwait(false);
        await _shutdown.CancelAsync().ConfigureAwait(false);
        _shared.Transcriber?.Dispose();
        _shared.Vad.Dispose();
        Models.Dispose();
        await _shared.Store.DisposeAsync().ConfigureAwait(false);
        _shutdown.Dispose();
    }

    private sealed class Subscription(Action remove) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) remove();
        }
    }
}
