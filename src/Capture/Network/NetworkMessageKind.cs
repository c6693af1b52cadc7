namespace EmoStream.Capture.Network;

public enum NetworkMessageKind
{
    Text,
    Binary,
}
