namespace EmoStream.Sessions.Storage;

/// <summary>One monitored conversation as stored.</summary>
/// <param name="Speakers">Speaker names known when the session started (utterances may name others).</param>
/// <param name="ModelId">The model file version that scored it (<c>ModelFile.Id</c>: file name, creation time, checksum prefix).</param>
/// <param name="Detail">Why it ended, when it did not simply complete.</param>
public sealed record SessionRecord(
    string Id,
    SessionKind Kind,
    string Source,
    SessionStatus Status,
    DateTimeOffset CreatedUtc,
    DateTimeOffset? EndedUtc,
    IReadOnlyList<string> Speakers,
    string ModelId,
    string? Detail = null);
