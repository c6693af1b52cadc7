using EmoStream.Capture.Pipeline;
using EmoStream.Capture.Segmentation;
using EmoStream.Capture.Vad;
using EmoStream.Inference.Scoring;
using EmoStream.Sessions.Alerts;
using EmoStream.Sessions.Storage;
using EmoStream.Transcribe;
using Microsoft.Extensions.Logging;

namespace EmoStream.Sessions.Pipeline;

/// <summary>What every session's pipeline shares: the model (the one this session leased), the transcriber's decoder pool, the VAD model, the store, the alert rule and the clock.</summary>
/// <param name="Transcriber">Null when transcription is off: utterances then have no text.</param>
/// <param name="StoreAudio">Keep each utterance's audio with its result (<see cref="StorageOptions.StoreAudio"/>).</param>
/// <param name="StoreFeatures">Keep the vectors each utterance was scored from with its result (<see cref="StorageOptions.StoreFeatures"/>).</param>
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
    bool StoreFeatures,
    AlertOptions Alerts,
    TimeProvider Time,
    ILoggerFactory Loggers);
