namespace EmoStream.Sessions;

/// <summary>What a live session's ingest WebSocket carries (the capture parsers' stream formats).</summary>
public enum LiveFormat
{
    /// <summary>Binary messages of little-endian 16-bit PCM at a rate stated when the session is created (a browser microphone).</summary>
    Pcm16,

    /// <summary>The telephony media-stream JSON envelope with base64 mu-law 8 kHz audio (Twilio's shape).</summary>
    Telephony,
}
