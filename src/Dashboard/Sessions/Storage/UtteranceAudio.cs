namespace EmoStream.Sessions.Storage;

/// <summary>An utterance's mono samples in [-1, 1] as kept with its result, with the rate they were captured at.</summary>
public sealed record UtteranceAudio(float[] Samples, int SampleRate)
{
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);
}
