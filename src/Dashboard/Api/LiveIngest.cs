using System.Net.WebSockets;
using System.Text;
using EmoStream.Capture.Network;
using EmoStream.Capture.Streams;
using EmoStream.Sessions;
using EmoStream.Sessions.Storage;
using EmoStream.Transcribe;

namespace EmoStream.Dashboard.Api;

/// <summary>
/// One ingest WebSocket of a live session: hands each whole message to the session's capture parser, except transcript
/// segments of an external recogniser (<see cref="LiveTranscriptMessage"/>), which go to the session's transcript. The client's
/// close ends the stream (the session drains, then the close is answered); a message the parser refuses, or any
/// other end of the session, closes the socket with the reason (1007 for a malformed stream).
/// </summary>
internal static class LiveIngest
{
    /// <summary>Largest message taken (a second of 48 kHz stereo PCM16 is 192 KB).</summary>
    public const int MaxMessageBytes = 1 << 20;

    /// <summary>A close description may hold at most 123 bytes.</summary>
    private const int MaxCloseDescriptionBytes = 123;

    public static async Task RunAsync(WebSocket socket, RunningSession session, CancellationToken aborted)
    {
        var writer = session.Ingest!;
        var completion = session.Pipeline.Completion;
        using var writes = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        // A session that ended (stopped, or failed on a bad message) reads no more: stop waiting to hand it messages.
        var stopWrites = completion.ContinueWith(_ => writes.Cancel(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        Task<NetworkMessage?>? receive = null;
        var received = 0;
        try
        {
            while (true)
            {
                receive = ReceiveAsync(socket, aborted);
                if (await Task.WhenAny(receive, completion) == completion) break;
                var message = await receive;
                receive = null;
                if (message is null)
                {
                    writer.TryComplete();
                    break;
                }
                received++;
                TranscriptSegment? segment;
                try
                {
                    segment = LiveTranscriptMessage.TryRead(message, $"message {received}");
                    if (segment is not null) TakeTranscript(session, segment, $"message {received}");
                }
                catch (TranscriptFormatException e)
                {
                    // The session ends failed with the reason, and the socket closes with 1007.
                    writer.TryComplete(new AudioStreamException(session.Session.Source, e.Message));
                    break;
                }
                if (segment is null) await writer.WriteAsync(message, writes.Token);
            }
        }
        catch (OperationCanceledException) when (completion.IsCompleted)
        {
            // The session ended while this message waited for room.
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or InvalidDataException)
        {
            receive = null;
            writer.TryComplete(new IOException(e.Message, e)); // the source ends the session with "the connection was lost (...)"
        }

        // No more text can come: utterances stop waiting for it.
        session.Transcript?.Complete();
        var outcome = await completion;
        await stopWrites;
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            var (status, description) = outcome.Status == SessionStatus.Failed
                ? (WebSocketCloseStatus.InvalidPayloadData, outcome.Detail ?? "the session failed")
                : (WebSocketCloseStatus.NormalClosure, $"session {outcome.Status.ToString().ToLowerInvariant()}, {outcome.Utterances} utterance(s) stored");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await socket.CloseOutputAsync(status, Truncate(description), timeout.Token);
                // Wait for the client's answering close (its pending receive sees it).
                if (receive is not null) await receive.WaitAsync(timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or InvalidDataException)
            {
                // The client went away meanwhile: nothing left to tell it.
            }
        }
    }

    /// <exception cref="TranscriptFormatException">The session takes no text, or the segment names a speaker it does not have.</exception>
    private static void TakeTranscript(RunningSession session, TranscriptSegment segment, string where)
    {
        if (session.Transcript is not { } transcript)
            throw new TranscriptFormatException($"{where}: a transcript segment, but the session was created without \"externalTranscript\": true");
        transcript.Add(segment, where);
    }

    /// <summary>One whole message, reassembled from its fragments; null when the client closes.</summary>
    private static async Task<NetworkMessage?> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            if (message.Length + result.Count > MaxMessageBytes)
                throw new InvalidDataException($"an ingest message is over {MaxMessageBytes} bytes");
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            var data = message.ToArray();
            return result.MessageType == WebSocketMessageType.Text ? new NetworkMessage(NetworkMessageKind.Text, data) : NetworkMessage.Binary(data);
        }
    }

    private static string Truncate(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) <= MaxCloseDescriptionBytes) return text;
        var cut = text;
        while (Encoding.UTF8.GetByteCount(cut) > MaxCloseDescriptionBytes - 3) cut = cut[..^1];
        return cut + "...";
    }
}
