using System.Threading.Channels;
using EmoStream.Capture.Segmentation;
using EmoStream.Capture.Streams;
using EmoStream.Capture.Vad;

namespace EmoStream.Capture.Pipeline;

/// <summary>
/// One stream's capture: source -> bounded frame channel -> voice activity + segmentation (one segmenter
/// and detector state per speaker) -> bounded utterance channel. Whatever goes wrong inside ends this
/// session alone: the utterance channel completes normally and <see cref="Completion"/> says why, so a
/// failing call never disturbs the others running beside it.
/// </summary>
public sealed class CaptureSession : IAsyncDisposable
{
    private readonly Channel<AudioFrame> _frames;
    private readonly Channel<Utterance> _utterances;
    private readonly CancellationTokenSource _stop;
    private readonly IAudioSource _source;
    private readonly IVoiceActivityDetectorFactory _vad;
    private readonly SegmentationOptions _segmentation;

    private CaptureSession(IAudioSource source, IVoiceActivityDetectorFactory vad, SegmentationOptions segmentation,
        CaptureSessionOptions options, CancellationToken cancellationToken)
    {
        _source = source;
        _vad = vad;
        _segmentation = segmentation;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _frames = Channel.CreateBounded<AudioFrame>(new BoundedChannelOptions(options.FrameQueue)
            { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        _utterances = Channel.CreateBounded<Utterance>(new BoundedChannelOptions(options.UtteranceQueue)
            { SingleReader = false, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        Completion = RunAsync();
    }

    /// <summary>Utterances in order per speaker; completes (never faults) when the stream ends.</summary>
    public ChannelReader<Utterance> Utterances => _utterances.Reader;

    /// <summary>How the stream ended; never faults.</summary>
    public Task<StreamEnd> Completion { get; }

    /// <param name="vad">Shared between sessions; the session creates its own detectors from it.</param>
    public static CaptureSession Start(IAudioSource source, IVoiceActivityDetectorFactory vad,
        SegmentationOptions segmentation, CaptureSessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        segmentation.Validate();
        return new CaptureSession(source, vad, segmentation, options ?? new CaptureSessionOptions(), cancellationToken);
    }

    private async Task<StreamEnd> RunAsync()
    {
        await Task.Yield(); // Start returns before any audio is read
        var read = ReadSourceAsync(_stop.Token);
        var segment = SegmentAsync(_stop.Token);
        StreamEnd end;
        try
        {
            await Task.WhenAll(read, segment).ConfigureAwait(false);
            end = new StreamEnd(StreamEndKind.Completed, $"{_source.Name}: the audio ended");
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            end = new StreamEnd(StreamEndKind.Cancelled, $"{_source.Name}: stopped");
        }
        catch (Exception)
        {
            // The first failure is the cause; the other stage only stopped because of it.
            var error = read.Exception?.InnerException ?? segment.Exception?.InnerException;
            end = new StreamEnd(StreamEndKind.Failed, error?.Message ?? $"{_source.Name}: failed", error);
        }
        _utterances.Writer.TryComplete();
        return end;
    }

    private async Task ReadSourceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in _source.ReadAsync(cancellationToken).ConfigureAwait(false))
                await _frames.Writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            _frames.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _frames.Writer.TryComplete(e);
            throw;
        }
    }

    private async Task SegmentAsync(CancellationToken cancellationToken)
    {
        var segmenters = new Dictionary<string, UtteranceSegmenter>(StringComparer.Ordinal);
        try
        {
            await foreach (var frame in _frames.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (frame.Format != AudioFormat.Speech)
                    throw new AudioStreamException(_source.Name, $"a frame of {frame.Format}; capture takes {AudioFormat.Speech} (the source must resample)");
                if (!segmenters.TryGetValue(frame.Speaker, out var segmenter))
                    segmenters[frame.Speaker] = segmenter = new UtteranceSegmenter(frame.Speaker, _vad.Create(), _segmentation);
                foreach (var utterance in segmenter.Push(frame.Samples))
                    await _utterances.Writer.WriteAsync(utterance, cancellationToken).ConfigureAwait(false);
            }
            foreach (var segmenter in segmenters.Values)
                foreach (var utterance in segmenter.Complete())
                    await _utterances.Writer.WriteAsync(utterance, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Stop the source too, so a failed detector does not leave a microphone or socket reading into a full channel.
            await _stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            foreach (var segmenter in segmenters.Values) segmenter.Dispose();
        }
    }

    /// <summary>Stops the stream (if still running) and waits for it to wind down.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Completion.ConfigureAwait(false);
        _stop.Dispose();
    }
}
