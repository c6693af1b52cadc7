using EmoStream.Transcribe;

namespace EmoStream.Dashboard.Api;

/// <summary>What the web page needs to know about the server (<c>GET /api/settings/ui</c>).</summary>
/// <param name="Classes">The model's emotion classes, in its output order (the page's legend and chart series).</param>
/// <param name="ModelId">The model that scores new sessions.</param>
/// <param name="TranscriptionEngine">The engine that transcribes new sessions; <c>none</c> when transcription is off (the model then scores audio alone).</param>
/// <param name="Alerts">The rule the server's sessions raise alerts by, for the page to describe them.</param>
/// <param name="CanCorrect">Whether the caller's token may correct utterances (a review token, the ingest token, or loopback), so the page offers it.</param>
public sealed record UiSettings(IReadOnlyList<string> Classes, string ModelId, TranscriptionEngine TranscriptionEngine, UiAlertRule Alerts, bool CanCorrect);

/// <summary>The alert rule as the page describes it: a speaker is one of <paramref name="Emotions"/> for <paramref name="ConsecutiveUtterances"/> utterances in a row.</summary>
public sealed record UiAlertRule(int ConsecutiveUtterances, IReadOnlyList<string> Emotions);
