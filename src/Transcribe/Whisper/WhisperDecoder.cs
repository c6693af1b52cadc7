using Whisper.net;

namespace EmoStream.Transcribe.Whisper;

/// <summary>One Whisper.net processor (a decoding state over the shared <see cref="WhisperModel"/>): one call at a time, owned by a pool.</summary>
public sealed class WhisperDecoder : IDisposable
{
    private readonly WhisperProcessor _processor;
    private readonly WhisperModel _model;
    private int _disposed;

    internal WhisperDecoder(WhisperProcessor processor, WhisperModel model)
    {
        _processor = processor;
        _model = model;
    }

    /// <summary>Transcribes one utterance (16 kHz mono) and reads back every segment with what is needed to judge it.</summary>
    /// <param name="abort">Stops the native computation at its next step.</param>
    /// <exception cref="OperationCanceledException">The call was aborted.</exception>
    public async Task<IReadOnlyList<WhisperSegment>> TranscribeAsync(float[] samples, CancellationToken abort = default)
    {
        var segments = new List<WhisperSegment>();
        await foreach (var segment in _processor.ProcessAsync(samples, abort).ConfigureAwait(false))
        {
            var probabilities = segment.Tokens.Where(t => t.Id < _model.EndOfText).Select(t => t.Probability).ToList();
            segments.Add(new WhisperSegment(segment.Text, segment.NoSpeechProbability, probabilities));
        }
        return segments;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _processor.Dispose();
        _model.Release();
    }
}
