using EmoStream.Capture.Audio;
using EmoStream.Capture.Tests.Support;
using EmoStream.Capture.Vad;

namespace EmoStream.Capture.Tests.Vad;

/// <summary>What every detector must do, run against each engine.</summary>
public sealed class VoiceActivityDetectorContractTests
{
    public static TheoryData<VadEngine> Engines => [VadEngine.Silero, VadEngine.Energy];

    private static float[] Probabilities(IVoiceActivityDetector detector, float[] signal)
    {
        var chunk = detector.ChunkSamples;
        return Enumerable.Range(0, signal.Length / chunk)
            .Select(i => detector.SpeechProbability(signal.AsSpan(i * chunk, chunk)))
            .ToArray();
    }

    /// <summary>A real speech clip (shared corpora, or espeak-ng speech without them).</summary>
    private static float[] Speech(int clip) =>
        AudioFileReader.Default.Read16kMono(Conversation.SpeechClips(clip + 1)[clip]);

    [Theory]
    [MemberData(nameof(Engines))]
    public void Probabilities_are_in_range_low_for_silence_and_high_somewhere_in_speech(VadEngine engine)
    {
        using var factory = Vads.Create(engine);
        using var detector = factory.Create();

        var silence = Probabilities(detector, new float[16_000]);
        var speech = Probabilities(detector, Speech(0));

        Assert.All(silence.Concat(speech), p => Assert.InRange(p, 0f, 1f));
        Assert.True(silence.Max() < 0.1, $"silence scored {silence.Max():F2}");
        Assert.True(speech.Max() > 0.9, $"speech scored at most {speech.Max():F2}");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Each_detector_keeps_its_own_state(VadEngine engine)
    {
        var a = Speech(0);
        var b = Speech(1);
        using var factory = Vads.Create(engine);
        float[] alone;
        using (var detector = factory.Create()) alone = Probabilities(detector, a);

        // Two streams interleaved chunk by chunk through detectors from the same factory.
        using var first = factory.Create();
        using var second = factory.Create();
        var chunk = first.ChunkSamples;
        var interleaved = new List<float>();
        for (var i = 0; i < a.Length / chunk; i++)
        {
            interleaved.Add(first.SpeechProbability(a.AsSpan(i * chunk, chunk)));
            if ((i + 1) * chunk <= b.Length) second.SpeechProbability(b.AsSpan(i * chunk, chunk));
        }

        Assert.Equal(alone, interleaved);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_chunk_of_the_wrong_size_is_refused(VadEngine engine)
    {
        using var factory = Vads.Create(engine);
        using var detector = factory.Create();

        Assert.Throws<ArgumentException>(() => detector.SpeechProbability(new float[detector.ChunkSamples - 1]));
    }
}
