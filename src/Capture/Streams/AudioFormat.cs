using EmoStream.Capture.Audio;

namespace EmoStream.Capture.Streams;

/// <summary>What a block of samples is: its rate and how many interleaved channels it holds (1: one speaker's mono channel).</summary>
public readonly record struct AudioFormat(int SampleRate, int Channels)
{
    /// <summary>The format everything downstream of decoding works in (<see cref="SpeechAudio"/>): 16 kHz mono.</summary>
    public static AudioFormat Speech { get; } = Mono(SpeechAudio.SampleRate);

    public static AudioFormat Mono(int sampleRate) => new(sampleRate, 1);

    public TimeSpan Duration(int samplesPerChannel) => TimeSpan.FromSeconds((double)samplesPerChannel / SampleRate);

    public override string ToString() => $"{SampleRate} Hz, {(Channels == 1 ? "mono" : $"{Channels} channels")}";
}
