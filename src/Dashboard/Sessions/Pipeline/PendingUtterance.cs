using EmoStream.Capture.Segmentation;
using EmoStream.Transcribe;

namespace EmoStream.Sessions.Pipeline;

/// <summary>An utterance whose transcription and acoustic features are under way; the model awaits them in order.</summary>
internal sealed record PendingUtterance(Utterance Utterance, Task<Transcript?> Transcript, Task<float[]?> Acoustic);
