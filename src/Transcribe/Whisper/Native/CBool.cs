namespace EmoStream.Transcribe.Whisper.Native;

/// <summary>C's one-byte <c>bool</c>, so parameter structs stay blittable and match the header byte for byte.</summary>
public readonly record struct CBool(byte Value)
{
    public static implicit operator bool(CBool value) => value.Value != 0;

    public static implicit operator CBool(bool value) => new(value ? (byte)1 : (byte)0);
}
