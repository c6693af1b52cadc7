namespace EmoStream.Dashboard.Api;

/// <summary>Body of <c>POST /api/sessions</c>.</summary>
/// <param name="Format"><c>pcm16</c> (binary little-endian 16-bit PCM, a browser microphone) or <c>telephony</c> (mu-law JSON envelope).</param>
/// <param name="SampleRate">PCM16: the rate the client sends at (8000 to 192000).</param>
/// <param name="Speakers">PCM16: one name per interleaved channel; default one speaker, "speaker".</param>
/// <param name="ExternalTranscript">True: the text comes from an external recogniser as transcript messages on the ingest socket; no speech recognition runs.</param>
public sealed record CreateLiveSessionRequest(string? Format, int? SampleRate, string[]? Speakers, bool? ExternalTranscript = null);
