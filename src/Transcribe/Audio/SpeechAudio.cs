namespace EmoStream.Transcribe.Audio;

/// <summary>The one audio format transcribers take (16 kHz mono float) and the arithmetic they share on it.</summary>
public static class SpeechAudio
{
    public const int SampleRate = 16000;

    public static TimeSpan Duration(int sampleCount) => TimeSpan.FromSeconds(sampleCount / (double)SampleRate);

    /// <summary>Root-mean-square level in dB relative to full scale; negative infinity for digital silence.</summary>
    public static double RmsDbfs(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty) return double.NegativeInfinity;
        double sum = 0;
        foreach (var s in samples) sum += (double)s * s;
        return 10 * Math.Log10(sum / samples.Length);
    }

    /// <summary>Clamped conversion to signed 16-bit PCM.</summary>
    public static void ToPcm16(ReadOnlySpan<float> samples, Span<short> destination)
    {
        if (destination.Length < samples.Length)
            throw new ArgumentException($"destination holds {destination.Length} samples, {samples.Length} needed", nameof(destination));
        for (var i = 0; i < samples.Length; i++)
            destination[i] = (short)Math.Clamp(MathF.Round(samples[i] * 32767f), short.MinValue, short.MaxValue);
    }
}
