using EmoStream.Capture.Segmentation;
using EmoStream.Capture.Tests.Support;
using EmoStream.Capture.Vad;

namespace EmoStream.Capture.Tests.Segmentation;

/// <summary>
/// The segmenter's rules on signals whose answer is known: tone bursts at -20 dBFS over a -70 dBFS floor,
/// detected by the energy detector (whose decision on such signals is unambiguous).
/// </summary>
public sealed class UtteranceSegmenterTests
{
    private const int Rate = 16_000;

    /// <summary>Silence and 300 Hz bursts: each (start, end) in seconds is a burst.</summary>
    private static float[] Bursts(double seconds, params (double Start, double End)[] bursts)
    {
        var signal = new float[(int)(seconds * Rate)];
        var random = new Random(5);
        for (var i = 0; i < signal.Length; i++) signal[i] = (float)((random.NextDouble() - 0.5) * 0.001);
        foreach (var (start, end) in bursts)
            for (var i = (int)(start * Rate); i < (int)(end * Rate); i++)
                signal[i] += (float)(0.14 * Math.Sin(2 * Math.PI * 300 * i / Rate));
        return signal;
    }

    private static List<Utterance> Segment(float[] signal, SegmentationOptions? options = null, int block = 480)
    {
        using var vad = new EnergyVad(new VadOptions());
        using var segmenter = new UtteranceSegmenter("s", vad.Create(), options ?? new SegmentationOptions());
        var found = new List<Utterance>();
        for (var at = 0; at < signal.Length; at += block)
            found.AddRange(segmenter.Push(signal.AsSpan(at, Math.Min(block, signal.Length - at))));
        found.AddRange(segmenter.Complete());
        return found;
    }

    private static void AssertNear(double expected, TimeSpan actual) =>
        Assert.InRange(actual.TotalSeconds, expected - 0.07, expected + 0.07);

    [Fact]
    public void A_burst_becomes_one_utterance_with_its_bounds_and_padded_samples()
    {
        var found = Segment(Bursts(4, (1.0, 2.2)));

        var u = Assert.Single(found);
        AssertNear(1.0, u.Start);
        AssertNear(2.2, u.End);
        Assert.Equal(0.1, (u.Start - u.SamplesStart).TotalSeconds, 3);
        Assert.Equal(u.End.TotalSeconds + 0.1 - u.SamplesStart.TotalSeconds, u.Samples.Length / (double)Rate, 3);
        Assert.Equal("s", u.Speaker);
    }

    [Fact]
    public void Bursts_shorter_than_the_minimum_speech_are_dropped()
    {
        Assert.Empty(Segment(Bursts(3, (1.0, 1.15))));
    }

    [Fact]
    public void A_pause_shorter_than_the_minimum_silence_stays_inside_the_utterance()
    {
        var found = Segment(Bursts(4, (0.5, 1.5), (1.75, 2.5)));

        var u = Assert.Single(found);
        AssertNear(0.5, u.Start);
        AssertNear(2.5, u.End);
    }

    [Fact]
    public void A_pause_longer_than_the_minimum_silence_separates_utterances_without_overlap()
    {
        var found = Segment(Bursts(5, (0.5, 1.5), (2.1, 3.0)));

        Assert.Equal(2, found.Count);
        AssertNear(1.5, found[0].End);
        AssertNear(2.1, found[1].Start);
        var firstSamplesEnd = found[0].SamplesStart + TimeSpan.FromSeconds(found[0].Samples.Length / (double)Rate);
        Assert.True(found[1].SamplesStart >= firstSamplesEnd - TimeSpan.FromTicks(10), "padded utterances overlap");
    }

    [Fact]
    public void Speech_longer_than_the_maximum_is_split_at_its_longest_pause()
    {
        // 0.3 s pauses (shorter than the minimum silence) at 2 s and 4 s; the one at 4 s is longer (0.35 s).
        var signal = Bursts(10, (0.5, 2.0), (2.3, 4.0), (4.35, 7.5));
        var options = new SegmentationOptions { MaxUtteranceMs = 5_000 };

        var found = Segment(signal, options);

        Assert.Equal(2, found.Count);
        AssertNear(0.5, found[0].Start);
        AssertNear(4.0, found[0].End);
        AssertNear(4.35, found[1].Start);
        AssertNear(7.5, found[1].End);
    }

    [Fact]
    public void Speech_without_pauses_is_cut_at_the_maximum_length_and_memory_stays_bounded()
    {
        var signal = Bursts(9, (0.5, 8.5));
        var options = new SegmentationOptions { MaxUtteranceMs = 3_000 };
        using var vad = new EnergyVad(new VadOptions());
        using var segmenter = new UtteranceSegmenter("s", vad.Create(), options);
        var found = new List<Utterance>();
        var largestBuffer = 0;
        for (var at = 0; at < signal.Length; at += 320)
        {
            found.AddRange(segmenter.Push(signal.AsSpan(at, Math.Min(320, signal.Length - at))));
            largestBuffer = Math.Max(largestBuffer, segmenter.BufferedSamples);
        }
        found.AddRange(segmenter.Complete());

        Assert.True(found.Count >= 3, $"{found.Count} pieces");
        Assert.All(found, u => Assert.True(u.Duration <= TimeSpan.FromSeconds(3.001), $"{u.Duration} longer than the maximum"));
        AssertNear(0.5, found[0].Start);
        AssertNear(8.5, found[^1].End);
        for (var i = 1; i < found.Count; i++) Assert.Equal(found[i - 1].End, found[i].Start);
        // The utterance in progress, the padding and batching slack: far below the 9 s signal.
        Assert.True(largestBuffer < 5 * Rate, $"buffered {largestBuffer} samples");
    }

    [Fact]
    public void Speech_running_to_the_end_of_the_stream_is_closed_there()
    {
        var found = Segment(Bursts(3, (1.0, 3.0)));

        var u = Assert.Single(found);
        AssertNear(3.0, u.End);
    }

    [Fact]
    public void Impossible_options_are_refused_with_the_setting_named()
    {
        var e = Assert.Throws<CaptureConfigurationException>(() => new SegmentationOptions { Threshold = 1.5 }.Validate());
        Assert.Contains("Capture:Segmentation:Threshold", e.Message);
    }
}
