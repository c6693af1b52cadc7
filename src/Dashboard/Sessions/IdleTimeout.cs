using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EmoStream.Capture.Network;
using EmoStream.Capture.Streams;

namespace EmoStream.Sessions;

/// <summary>A live session's messages, ending the stream with the reason when none arrives for the idle time-out.</summary>
internal static class IdleTimeout
{
    public static async IAsyncEnumerable<NetworkMessage> ReadAllAsync(ChannelReader<NetworkMessage> reader, string name, TimeSpan idle, string setting,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            bool more;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(idle);
                try
                {
                    more = await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new AudioStreamException(name,
                        $"no audio for {idle.TotalSeconds:0.###} s ({setting}); the session timed out");
                }
            }
            if (!more) yield break;
            while (reader.TryRead(out var message)) yield return message;
        }
    }
}
