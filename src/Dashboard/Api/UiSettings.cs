using EmoStream.Dashboard.Alerts;
using EmoStream.Transcribe;

namespace EmoStream.Dashboard.Api;

/// <summary>What the web page needs to know about the server (<c>GET /api/settings/ui</c>).</summary>
/// <param name="Classes">The model's emotion classes, in its output order (the page's legend and chart series).</param>
/// <param name="ModelId">The model that scores new sessions.</param>
/// <param name="TranscriptionEngine">The engine that transcribes new sessions; <c>none</c> when transcription is off (the model then scores audio alone).</param>
public sealed record UiSettings(IReadOnlyList<string> Classes, string ModelId, TranscriptionEngine TranscriptionEngine, AlertOptions Alerts);
