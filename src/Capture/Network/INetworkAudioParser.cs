using EmoStream.Capture.Streams;

namespace EmoStream.Capture.Network;

/// <summary>
/// Turns one connection's messages into frames. Stateful, one per connection. Throws
/// <see cref="AudioStreamException"/> for a message that breaks the protocol.
/// </summary>
public interface INetworkAudioParser
{
    IReadOnlyList<AudioFrame> Parse(NetworkMessage message);

    /// <summary>True once the protocol's own end (a stop event) has arrived: the stream is over.</summary>
    bool IsFinished { get; }

    /// <summary>The connection closed; returns the last frames or throws when the close was premature.</summary>
    IReadOnlyList<AudioFrame> Complete();
}
