using EmoStream.Capture.Pipeline;
using EmoStream.Capture.Segmentation;
using EmoStream.Capture.Vad;
using EmoStream.Dashboard.Storage;
using EmoStream.Transcribe;
using Microsoft.Extensions.Logging;

namespace EmoStream.Dashboard.Pipeline;

/// <summary>What every session's pipeline shares: the model, the transcriber's decoder pool, the VAD model and the store.</summary>
/// <param name="Transcriber">Null when transcription is off: utterances then have no text.</param>
/// <param name="StoreAudio">Keep each utterance's audio with its result (<see cref="StorageOptions.StoreAudio"/>).</param>
internal sealed record PipelineResources(
    ScoringModel Model,
    ISpeechTranscriber? Transcriber,
    IVoiceActivityDetectorFactory Vad,
    ISessionStore Store,
    PipelineOptions Options,
    ScoringOptions Scoring,
    SegmentationOptions Segmentation,
    CaptureSessionOptions CaptureSession,
    bool StoreAudio,
    ILoggerFactory Loggers);
