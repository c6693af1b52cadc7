using System.Runtime.CompilerServices;
using EmoStream.Capture.Streams;

namespace EmoStream.Capture.Network;

/// <summary>
/// Audio arriving over a connection the host accepted (the dashboard's WebSocket endpoint hands its
/// messages in): parsed by the connection's protocol parser into frames. A connection that drops, or
/// a message that breaks the protocol, ends this stream with the reason.
/// </summary>
public sealed class NetworkAudioSource(string name, IAsyncEnumerable<NetworkMessage> messages, INetworkAudioParser parser)
    : IAudioSource
{
    public string Name => name;

    public async IAsyncEnumerable<AudioFrame> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var enumerator = messages.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            NetworkMessage message;
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false)) break;
                message = enumerator.Current;
            }
            catch (Exception e) when (e is not AudioStreamException && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
            {
                throw new AudioStreamException(name, $"the connection was lost ({e.Message})", e);
            }
            foreach (var frame in parser.Parse(message)) yield return frame;
            if (parser.IsFinished) yield break;
        }
        foreach (var frame in parser.Complete()) yield return frame;
    }
}
