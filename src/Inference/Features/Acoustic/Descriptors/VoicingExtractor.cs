using EmoStream.Inference.Features.Acoustic.Analysis;

namespace EmoStream.Inference.Features.Acoustic.Descriptors;

/// <summary>Pitch, voicing probability, harmonics-to-noise ratio and H1-H2 from the pitch track.</summary>
internal sealed class VoicingExtractor : IDescriptorExtractor
{
    /// <summary>eGeMAPS's reference: semitone 0 is 27.5 Hz (A0), so adult F0 lands around 25-50 st.</summary>
    public const double SemitoneReferenceHz = 27.5;

    /// <summary>Harmonic k is the strongest bin within ±10 % of k F0.</summary>
    private const double HarmonicSearch = 0.1;

    public IReadOnlyList<DescriptorInfo> Descriptors { get; } =
    [
        new("f0Semitone", "semitones above 27.5 Hz (voiced frames only)", "fundamental frequency"),
        new("voicingProbability", "0..1 (normalized autocorrelation peak; 0 in silence)", "periodicity strength"),
        new("hnr", "dB (10 log10(r / (1 - r)), r clamped to 0.01..0.9999; voiced frames only)", "harmonics-to-noise ratio"),
        new("h1h2", "dB (voiced frames only)", "first minus second harmonic level"),
    ];

    public void Extract(UtteranceAnalysis analysis, DescriptorMatrix output, int firstRow)
    {
        var pitch = analysis.Pitch;
        var periodicity = analysis.Periodicity;
        var f0 = output.Row(firstRow);
        var probability = output.Row(firstRow + 1);
        var hnr = output.Row(firstRow + 2);
        var h1h2 = output.Row(firstRow + 3);
        for (var i = 0; i < analysis.FrameCount; i++)
        {
            probability[i] = pitch.Periodicity[i];
            if (!pitch.Voiced[i])
            {
                f0[i] = hnr[i] = h1h2[i] = float.NaN;
                continue;
            }
            var hz = pitch.F0Hz[i];
            f0[i] = (float)(12 * Math.Log2(hz / SemitoneReferenceHz));
            var r = Math.Clamp(pitch.Periodicity[i], 0.01, 0.9999);
            hnr[i] = (float)(10 * Math.Log10(r / (1 - r)));
            var power = periodicity.PowerOf(i);
            h1h2[i] = Levels.Db(HarmonicLevels.Peak(power, hz, HarmonicSearch * hz, periodicity.BinHz))
                      - Levels.Db(HarmonicLevels.Peak(power, 2 * hz, HarmonicSearch * 2 * hz, periodicity.BinHz));
        }
    }
}
