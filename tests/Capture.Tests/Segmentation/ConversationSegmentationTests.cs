using EmoStream.Capture.Segmentation;
using EmoStream.Capture.Tests.Support;
using EmoStream.Capture.Vad;
using Xunit.Abstractions;

namespace EmoStream.Capture.Tests.Segmentation;

/// <summary>
/// Utterance boundaries on conversations assembled from RAVDESS and EmoDB clips with known gaps, with the
/// default segmentation settings: F1 at least 0.95 at 200 ms tolerance, in a quiet room and at 10 dB SNR.
/// </summary>
public sealed class ConversationSegmentationTests(ITestOutputHelper output)
{
    private const double Tolerance = 0.2;

    public static TheoryData<VadEngine, double?> Cases => new()
    {
        { VadEngine.Silero, null },
        { VadEngine.Silero, 10.0 },
        { VadEngine.Energy, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Boundaries_are_found_with_F1_at_least_0_95(VadEngine engine, double? snrDb)
    {
        var conversation = Conversation.Assemble(Conversation.SpeechClips(60), snrDb, seed: 11);

        using var vad = Vads.Create(engine);
        using var segmenter = new UtteranceSegmenter("mixed", vad.Create(), new SegmentationOptions());
        var found = new List<Utterance>();
        for (var at = 0; at < conversation.Samples.Length; at += 320) // 20 ms frames, as a live source sends
            found.AddRange(segmenter.Push(conversation.Samples.AsSpan(at, Math.Min(320, conversation.Samples.Length - at))));
        found.AddRange(segmenter.Complete());

        var (precision, recall, f1) = BoundaryScore.Score(conversation.Truth,
            found.Select(u => (u.Start.TotalSeconds, u.End.TotalSeconds)).ToList(), Tolerance);
        output.WriteLine($"{engine}, {(snrDb is null ? "quiet" : $"{snrDb} dB SNR")}: {conversation.Truth.Count} true, {found.Count} found; P {precision:F3} R {recall:F3} F1 {f1:F3}");
        foreach (var u in found) output.WriteLine($"  found {u.Start.TotalSeconds:F2}-{u.End.TotalSeconds:F2}");
        foreach (var t in conversation.Truth) output.WriteLine($"  truth {t.Start:F2}-{t.End:F2}");
        Assert.True(f1 >= 0.95, $"boundary F1 {f1:F3} (precision {precision:F3}, recall {recall:F3}) below 0.95");
        // The samples hold the speech and at most the padding around it.
        Assert.All(found, u =>
        {
            Assert.InRange(u.Start - u.SamplesStart, TimeSpan.Zero, TimeSpan.FromMilliseconds(100.1));
            var samplesEnd = u.SamplesStart + TimeSpan.FromSeconds(u.Samples.Length / 16_000.0);
            Assert.InRange(samplesEnd - u.End, TimeSpan.Zero, TimeSpan.FromMilliseconds(100.1));
        });
    }
}
