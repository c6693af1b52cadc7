using System.Threading.Channels;
using EmoStream.Capture.Pipeline;
using EmoStream.Capture.Segmentation;
using EmoStream.Capture.Streams;
using EmoStream.Sessions.Alerts;
using EmoStream.Sessions.Storage;
using EmoStream.Inference.Scoring;
using EmoStream.Transcribe;
using Microsoft.Extensions.Logging;

namespace EmoStream.Sessions.Pipeline;

/// <summary>
/// One session: capture -> utterances -> transcription and acoustic features (up to
/// <see cref="PipelineOptions.TranscriptionLookahead"/> at once, on the transcriber's shared decoder pool) ->
/// lexical features -> this session's incremental scorer -> storage -> <see cref="Results"/>. Every channel is
/// bounded, so a slow stage holds back capture instead of growing a queue. Results come out in capture order and
/// only after they are stored, each with the alert it raised, extended or ended (<see cref="AlertTracker"/>). Whatever fails ends this session alone: <see cref="Completion"/> never faults.
/// </summary>
public sealed class SessionPipeline : IAsyncDisposable
{
    private readonly SessionRecord _session;
    private readonly PipelineResources _shared;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort;
    private readonly CancellationTokenSource _captureStop;
    private readonly CaptureSession _capture;
    private readonly Channel<PendingUtterance> _pending;
    private readonly Channel<UtteranceRecord> _results;
    private readonly ILogger _logger;
    private readonly GivenTranscripts? _given;
    private int _stored;

    /// <param name="given">The session's own transcripts, used instead of the transcriber (null: the transcriber).</param>
    internal SessionPipeline(SessionRecord session, IAudioSource source, PipelineResources shared, GivenTranscripts? given, CancellationToken cancellationToken)
    {
        _session = session;
        _shared = shared;
        _given = given;
        _logger = shared.Loggers.CreateLogger<SessionPipeline>();
        _abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Capture stops on Stop (then the rest drains) or on abort (then everything stops).
        _captureStop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, _abort.Token);
        _capture = CaptureSession.Start(source, shared.Vad, shared.Segmentation, shared.CaptureSession, _captureStop.Token);
        _pending = Channel.CreateBounded<PendingUtterance>(new BoundedChannelOptions(shared.Options.TranscriptionLookahead)
            { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        _results = Channel.CreateBounded<UtteranceRecord>(new BoundedChannelOptions(shared.Options.ResultQueue)
            { SingleReader = false, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        Completion = RunAsync();
    }

    public string Id => _session.Id;

    public SessionRecord Session => _session;

    /// <summary>Each utterance's result once stored, in order; completes when the session ends.</summary>
    public ChannelReader<UtteranceRecord> Results => _results.Reader;

    /// <summary>How the session ended (also stored with it); never faults.</summary>
    public Task<SessionOutcome> Completion { get; }

    /// <summary>Stops capturing; utterances already captured are still transcribed, scored and stored. Returns the outcome.</summary>
    public async Task<SessionOutcome> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        return await Completion.ConfigureAwait(false);
    }

    private async Task<SessionOutcome> RunAsync()
    {
        await Task.Yield(); // the constructor returns before any work runs
        (SessionStatus Status, string? Detail) outcome;
        var feed = FeedAsync(_abort.Token);
        var score = ScoreAsync(_abort.Token);
        try
        {
            await Task.WhenAll(feed, score).ConfigureAwait(false);
            var end = await _capture.Completion.ConfigureAwait(false);
            outcome = end.Kind switch
            {
                StreamEndKind.Completed => (SessionStatus.Completed, (string?)null),
                StreamEndKind.Cancelled => (SessionStatus.Stopped, end.Reason),
                _ => (SessionStatus.Failed, end.Reason),
            };
        }
        catch (Exception)
        {
            // A failing stage cancels the other, which then ends with a cancellation: report the failure, not that.
            var cause = new[] { score, feed }.Select(t => t.Exception?.InnerException)
                .FirstOrDefault(e => e is not null and not OperationCanceledException);
            if (cause is null)
                outcome = (SessionStatus.Stopped, "aborted before every captured utterance was stored");
            else
            {
                _logger.LogError(cause, "session {Session} failed", _session.Id);
                outcome = (SessionStatus.Failed, cause.Message);
            }
        }
        await _capture.DisposeAsync().ConfigureAwait(false);
        _captureStop.Dispose();
        var ended = _session with { Status = outcome.Status, EndedUtc = _shared.Time.GetUtcNow(), Detail = outcome.Detail };
        try
        {
            await _shared.Store.EndSessionAsync(_session.Id, ended.Status, ended.EndedUtc!.Value, ended.Detail, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Storage is failing (full, read-only, gone): record the end once it comes back; a restart marks it interrupted meanwhile.
            _logger.LogError("session {Session}: could not record its end ({Reason}); retrying until storage comes back", _session.Id, e.Message);
            if (_shared.Store is SqliteSessionStore sqlite)
                PendingEnds.TryWrite(sqlite.DatabasePath, _session.Id, new PendingEnds.End(ended.Status, ended.EndedUtc!.Value, ended.Detail)); // for a restart meanwhile
            EndRecorded = EndWhenStorageReturnsAsync(ended);
        }
        _results.Writer.TryComplete();
        return new SessionOutcome(ended.Status, _stored, ended.Detail, ended);
    }

    /// <summary>Completes once the session's end is stored; later than <see cref="Completion"/> while storage is failing.</summary>
    public Task EndRecorded { get; private set; } = Task.CompletedTask;

    private async Task EndWhenStorageReturnsAsync(SessionRecord ended)
    {
        for (var delay = TimeSpan.FromMilliseconds(250); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, EndRetryLimit.Ticks)))
        {
            await Task.Delay(delay).ConfigureAwait(false);
            try
            {
                await _shared.Store.EndSessionAsync(_session.Id, ended.Status, ended.EndedUtc!.Value, ended.Detail, CancellationToken.None).ConfigureAwait(false);
                _logger.LogWarning("session {Session}: its end is recorded now that storage is back", _session.Id);
                if (_shared.Store is SqliteSessionStore sqlite) PendingEnds.Remove(sqlite.DatabasePath, _session.Id);
                return;
            }
            catch (Exception e) when (e is not InvalidOperationException)
            {
                // Still failing: try again later.
            }
            catch (InvalidOperationException)
            {
                if (_shared.Store is SqliteSessionStore sqlite) PendingEnds.Remove(sqlite.DatabasePath, _session.Id);
                return; // the session was deleted meanwhile
            }
        }
    }

    /// <summary>Longest wait between two tries at recording a session's end while storage fails.</summary>
    private static readonly TimeSpan EndRetryLimit = TimeSpan.FromSeconds(15);

    /// <summary>Starts transcription and acoustic features of each captured utterance, keeping capture order.</summary>
    private async Task FeedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var utterance in _capture.Utterances.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var pending = new PendingUtterance(utterance, TranscribeAsync(utterance, cancellationToken), FeaturizeAsync(utterance, cancellationToken));
                await _pending.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
            }
            _pending.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _pending.Writer.TryComplete(e);
            throw;
        }
    }

    /// <summary>The utterance's transcript (given, else recognised); null when transcription is off or the model uses no text.</summary>
    private async Task<Transcript?> TranscribeAsync(Utterance utterance, CancellationToken cancellationToken)
    {
        if (_shared.Model.Lexical is null) return null;
        if (_given is not null) return await _given.LookupAsync(utterance.Speaker, utterance.Start, utterance.End, _shared.Time, cancellationToken).ConfigureAwait(false);
        if (_shared.Transcriber is not { } transcriber) return null;
        return await transcriber.TranscribeAsync(utterance.Samples, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The utterance's acoustic vector; null (the model masks audio) when the model has no audio or analysis fails.</summary>
    private Task<float[]?> FeaturizeAsync(Utterance utterance, CancellationToken cancellationToken)
    {
        if (_shared.Model.Acoustic is not { } featurizer) return Task.FromResult<float[]?>(null);
        return Task.Run(() =>
        {
            try
            {
                return featurizer.Extract(utterance.Samples);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                _logger.LogWarning(e, "session {Session}: no acoustic features for the utterance at {Start}", _session.Id, utterance.Start);
                return null;
            }
        }, cancellationToken);
    }

    /// <summary>Scores, stores and publishes the utterances in the order they were captured.</summary>
    private async Task ScoreAsync(CancellationToken cancellationToken)
    {
        var model = _shared.Model;
        using var scorer = model.CreateScorer(_shared.Scoring.Window);
        var alerts = new AlertTracker(_shared.Alerts);
        try
        {
            await foreach (var pending in _pending.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var transcript = await pending.Transcript.ConfigureAwait(false);
                var acoustic = await pending.Acoustic.ConfigureAwait(false);
                var text = transcript is { HasText: true } ? transcript.Text : null;
                var lexical = model.Lexical?.Extract(text);
                var score = model.Score(scorer, acoustic, lexical);
                var record = ToRecord(pending.Utterance, score, transcript, text);
                record = record with { Alert = alerts.Add(record) };
                var audio = _shared.StoreAudio ? new UtteranceAudio(pending.Utterance.Samples, pending.Utterance.Format.SampleRate) : null;
                var features = _shared.StoreFeatures
                    ? new UtteranceFeatures(acoustic is null ? null : model.Acoustic!.Info, acoustic, lexical is null ? null : model.Lexical!.Info, lexical)
                    : null;
                // Persist first: a result a viewer has seen is never lost.
                await _shared.Store.AddUtteranceAsync(record, audio, features, cancellationToken).ConfigureAwait(false);
                _stored++;
                await _results.Writer.WriteAsync(record, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await _abort.CancelAsync().ConfigureAwait(false); // stops capture and the feed, which may be waiting on a full queue
            throw;
        }
    }

    private UtteranceRecord ToRecord(Utterance utterance, UtteranceScore score, Transcript? transcript, string? text)
    {
        var classes = _shared.Model.Classes;
        var probabilities = new Dictionary<string, double>(classes.Count);
        for (var c = 0; c < classes.Count; c++) probabilities[classes[c]] = score.Probabilities[c];
        var weights = new Dictionary<string, double>
        {
            [ModalityNames.Audio] = score.ModalityWeights[0],
            [ModalityNames.Text] = score.ModalityWeights[1],
        };
        return new UtteranceRecord(_session.Id, score.Index, utterance.Speaker, utterance.Start.TotalSeconds, utterance.End.TotalSeconds,
            text, transcript?.Engine, text is null ? null : transcript!.Confidence, classes[score.Predicted], probabilities, weights);
    }

    /// <summary>Aborts the session without draining (shutdown); <see cref="StopAsync"/> is the clean stop.</summary>
    public async ValueTask DisposeAsync()
    {
        await _abort.CancelAsync().ConfigureAwait(false);
        await Completion.ConfigureAwait(false);
        _stop.Dispose();
        _abort.Dispose();
    }
}
