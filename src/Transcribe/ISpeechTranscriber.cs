namespace EmoStream.Transcribe;

/// <summary>
/// Speech to text for one utterance at a time. Implementations are safe to call from several sessions at once
/// (they pool their native decoders) and never throw for a failing or hanging utterance: that utterance comes
/// back with <see cref="TranscriptStatus.Failed"/> or <see cref="TranscriptStatus.TimedOut"/> and no text.
/// </summary>
public interface ISpeechTranscriber : IDisposable
{
    /// <summary>The engine's name as it appears in <see cref="Transcript.Engine"/>.</summary>
    string Engine { get; }

    /// <param name="samples">One utterance: 16 kHz mono samples in [-1, 1].</param>
    /// <exception cref="OperationCanceledException">The caller cancelled (the only exception it throws).</exception>
    Task<Transcript> TranscribeAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken = default);
}
