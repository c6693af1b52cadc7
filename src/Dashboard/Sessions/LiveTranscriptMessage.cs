using System.Text;
using System.Text.Json;
using EmoStream.Capture.Network;
using EmoStream.Transcribe;

namespace EmoStream.Sessions;

/// <summary>
/// A transcript segment an external recogniser sends over a live session's ingest socket, as a text message beside
/// the audio (docs/API.md): <c>{"event": "transcript", "start": s, "end": s, "speaker": "name" (optional), "text": "…"}</c>,
/// times in seconds of the session's audio.
/// </summary>
public static class LiveTranscriptMessage
{
    public const string Event = "transcript";

    private static readonly byte[] Marker = Encoding.UTF8.GetBytes($"\"{Event}\"");

    /// <summary>The segment a transcript message holds; null for any other message (audio, a telephony event).</summary>
    /// <param name="where">Names the message in an error.</param>
    /// <exception cref="TranscriptFormatException">A transcript message that is malformed.</exception>
    public static TranscriptSegment? TryRead(NetworkMessage message, string where)
    {
        if (message.Kind != NetworkMessageKind.Text || message.Data.Span.IndexOf(Marker) < 0) return null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message.Data);
        }
        catch (JsonException)
        {
            return null; // not JSON at all: the audio parser says what is wrong with it
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("event", out var kind)
                || kind.ValueKind != JsonValueKind.String || kind.GetString() != Event)
                return null;
            return TranscriptFile.ParseSegment(root, where);
        }
    }
}
