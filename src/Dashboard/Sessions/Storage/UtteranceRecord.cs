using EmoStream.Sessions.Alerts;

namespace EmoStream.Sessions.Storage;

/// <summary>
/// One scored utterance as stored and as published to dashboards (the same object, so what a viewer sees is what
/// is stored). Times are seconds on the session's clock.
/// </summary>
/// <param name="Index">Position in the session, from 0, in the order the model scored it.</param>
/// <param name="Transcript">The recognized words; null when there was no text (no engine, no speech, failure).</param>
/// <param name="Engine">The transcription engine asked; null when transcription is off.</param>
/// <param name="Probabilities">Class name to probability, in the model's class order.</param>
/// <param name="Weights">Modality (<c>audio</c>, <c>text</c>) to its fusion weight.</param>
/// <param name="Alert">The alert this utterance raised, extended or ended, as it stands after it; null when none.</param>
/// <param name="Correction">
/// The correction a person made that is in force, beside the model's unchanged <paramref name="Emotion"/>; null when
/// none. Corrections are stored on their own (<see cref="ISessionStore.AddCorrectionAsync"/>): the store and the
/// pipeline leave this null, <c>SessionCorrections</c> fills it where utterances are shown.
/// </param>
public sealed record UtteranceRecord(
    string SessionId,
    int Index,
    string Speaker,
    double Start,
    double End,
    string? Transcript,
    string? Engine,
    double? TranscriptConfidence,
    string Emotion,
    IReadOnlyDictionary<string, double> Probabilities,
    IReadOnlyDictionary<string, double> Weights,
    AlertRecord? Alert = null,
    CorrectionInForce? Correction = null);
