using System.Numerics.Tensors;
using EmoStream.Inference.Features.Acoustic.Analysis;
using EmoStream.Inference.Features.Acoustic.Descriptors;

namespace EmoStream.Inference.Features.Acoustic.Functionals;

/// <summary>
/// Utterance-level timing and level: how much is voiced, how voiced stretches and the pauses between them last,
/// how often loudness peaks, the equivalent sound level and the duration (eGeMAPS's temporal features).
/// </summary>
internal static class RhythmFeatures
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "voicedRatio", "voicedSegmentsPerSec", "voicedSegmentLengthMean", "voicedSegmentLengthStd",
        "unvoicedSegmentLengthMean", "unvoicedSegmentLengthStd", "loudnessPeaksPerSec", "equivalentSoundLevel", "durationSeconds",
    ];

    public static void Compute(UtteranceAnalysis analysis, Span<float> output)
    {
        var voiced = analysis.Pitch.Voiced;
        var fps = analysis.Options.FramesPerSecond;
        var seconds = analysis.FrameCount / fps;
        var voicedRuns = new List<double>();
        var gaps = new List<double>();
        int? lastVoicedEnd = null;
        for (var i = 0; i < voiced.Length;)
        {
            var end = i;
            while (end + 1 < voiced.Length && voiced[end + 1] == voiced[i]) end++;
            if (voiced[i])
            {
                voicedRuns.Add((end - i + 1) / fps);
                if (lastVoicedEnd is int previous) gaps.Add((i - previous - 1) / fps);
                lastVoicedEnd = end;
            }
            i = end + 1;
        }

        var loudness = new float[analysis.FrameCount];
        var frames = new int[analysis.FrameCount];
        var bands = analysis.Kernels.MelFilters.Bands;
        for (var i = 0; i < loudness.Length; i++)
        {
            loudness[i] = Levels.Loudness(analysis.MelPower.AsSpan(i * bands, bands));
            frames[i] = i;
        }
        Span<float> peaks = stackalloc float[4];
        new Peaks().Compute(new Contour(loudness, frames, analysis.FrameCount, fps), peaks);

        var meanSquare = analysis.Samples.Length > 0 ? TensorPrimitives.SumOfSquares(analysis.Samples.AsSpan()) / analysis.Samples.Length : 0;
        output[0] = analysis.Pitch.VoicedCount / (float)voiced.Length;
        output[1] = (float)(voicedRuns.Count / seconds);
        output[2] = voicedRuns.Count > 0 ? (float)voicedRuns.Average() : 0;
        output[3] = (float)Statistics.StandardDeviation(voicedRuns);
        output[4] = gaps.Count > 0 ? (float)gaps.Average() : 0;
        output[5] = (float)Statistics.StandardDeviation(gaps);
        output[6] = peaks[0];
        output[7] = Levels.Db(meanSquare);
        output[8] = (float)analysis.DurationSeconds;
    }
}
