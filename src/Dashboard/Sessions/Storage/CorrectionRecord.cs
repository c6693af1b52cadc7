namespace EmoStream.Sessions.Storage;

/// <summary>
/// Feedback on one utterance, stored beside it (never changing the utterance's own <see cref="UtteranceRecord.Emotion"/>).
/// A session's corrections are a history: the latest of an utterance is the one in force.
/// </summary>
/// <param name="Id">Increases with each correction stored.</param>
/// <param name="Emotion">The emotion a person set; null for "none of these".</param>
/// <param name="ModelEmotion">What the model answered (copied from the utterance when the correction was stored).</param>
/// <param name="Author">Who corrected: a reviewer's name, <c>operator</c> (the ingest token) or <c>local</c> (loopback without tokens).</param>
public sealed record CorrectionRecord(long Id, string SessionId, int Index, string? Emotion, string ModelEmotion, string Author, DateTimeOffset CreatedUtc);
