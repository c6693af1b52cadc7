namespace EmoStream.Capture.Audio;

/// <summary>The one format everything downstream of decoding works in: 16 kHz mono float.</summary>
public static class SpeechAudio
{
    public const int SampleRate = 16_000;
}
