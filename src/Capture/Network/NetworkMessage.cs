namespace EmoStream.Capture.Network;

/// <summary>One whole message as received (a WebSocket message, reassembled from its fragments by the endpoint).</summary>
public sealed record NetworkMessage(NetworkMessageKind Kind, ReadOnlyMemory<byte> Data)
{
    public static NetworkMessage Text(string text) => new(NetworkMessageKind.Text, System.Text.Encoding.UTF8.GetBytes(text));

    public static NetworkMessage Binary(ReadOnlyMemory<byte> data) => new(NetworkMessageKind.Binary, data);
}
