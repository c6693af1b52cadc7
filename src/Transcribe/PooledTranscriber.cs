using System.Diagnostics;
using EmoStream.Transcribe.Audio;
using EmoStream.Transcribe.Pooling;
using Microsoft.Extensions.Logging;

namespace EmoStream.Transcribe;

/// <summary>
/// What both native engines share: the silence gate, a pool of decoders, and native calls run on their own
/// thread under the utterance time-out, so a call that hangs is abandoned (with its decoder) and a call that
/// fails costs only its utterance.
/// </summary>
public abstract class PooledTranscriber<TDecoder> : ISpeechTranscriber where TDecoder : class, IDisposable
{
    private readonly TranscriptionOptions _options;
    private readonly ILogger _logger;

    protected PooledTranscriber(string engine, TranscriptionOptions options, ILogger logger)
    {
        Engine = engine;
        _options = options;
        _logger = logger;
        Pool = new DecoderPool<TDecoder>(CreateDecoder, options.MaxConcurrentDecoders);
    }

    public string Engine { get; }

    internal DecoderPool<TDecoder> Pool { get; }

    /// <summary>Loads a model into a fresh decoder; called lazily, at most pool-capacity decoders live at once.</summary>
    protected abstract TDecoder CreateDecoder();

    /// <summary>Decodes one utterance; runs on a dedicated thread and may block for as long as the engine needs.</summary>
    /// <param name="abandoned">Cancelled when the caller has given up on this call (time-out or cancellation); an
    /// engine that can interrupt its native work should, so an abandoned call stops using the CPU.</param>
    protected abstract EngineOutput Decode(TDecoder decoder, float[] samples, CancellationToken abandoned);

    public async Task<Transcript> TranscribeAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var duration = SpeechAudio.Duration(samples.Length);
        var level = SpeechAudio.RmsDbfs(samples.Span);
        if (level < _options.SilenceThresholdDbfs)
            return new Transcript("", Engine, 0, duration, clock.Elapsed, TranscriptStatus.NoSpeech,
                $"level {level:F1} dBFS is below the silence threshold {_options.SilenceThresholdDbfs} dBFS");

        TDecoder decoder;
        try
        {
            decoder = await Pool.RentAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "{Engine} could not create a decoder", Engine);
            return new Transcript("", Engine, 0, duration, clock.Elapsed, TranscriptStatus.Failed, e.Message);
        }
        var audio = samples.ToArray();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.UtteranceTimeout);
        var abandoned = deadline.Token;
        var work = Task.Factory.StartNew(() => Decode(decoder, audio, abandoned), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        EngineOutput output;
        try
        {
            output = await work.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            if (work.IsCompletedSuccessfully) Pool.Return(decoder);
            else Pool.Abandon(decoder, work);
            cancellationToken.ThrowIfCancellationRequested();
            _logger.LogWarning("{Engine} did not finish a {Seconds:F1} s utterance within {Timeout}; its decoder is abandoned",
                Engine, duration.TotalSeconds, _options.UtteranceTimeout);
            return new Transcript("", Engine, 0, duration, clock.Elapsed, TranscriptStatus.TimedOut,
                $"no result within {_options.UtteranceTimeout}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The decoder's state after a failed native call is unknown: replace it.
            Pool.Abandon(decoder, work);
            _logger.LogWarning(e, "{Engine} failed on a {Seconds:F1} s utterance", Engine, duration.TotalSeconds);
            return new Transcript("", Engine, 0, duration, clock.Elapsed, TranscriptStatus.Failed, e.Message);
        }
        Pool.Return(decoder);

        var status = output.Text.Length > 0 ? TranscriptStatus.Recognized : TranscriptStatus.NoSpeech;
        return new Transcript(output.Text, Engine, status == TranscriptStatus.Recognized ? output.Confidence : 0,
            duration, clock.Elapsed, status, output.DroppedBecause ?? (status == TranscriptStatus.NoSpeech ? "no words decoded" : null));
    }

    /// <summary>Creates one decoder now, so a missing or broken model fails at start-up rather than on the first utterance.</summary>
    public async Task PreloadAsync(CancellationToken cancellationToken = default) =>
        Pool.Return(await Pool.RentAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Frees what the decoders share once the pool is closed (a decoder still running keeps its own hold on it).</summary>
    protected virtual void ReleaseShared()
    {
    }

    public void Dispose()
    {
        Pool.Dispose();
        ReleaseShared();
        GC.SuppressFinalize(this);
    }
}
