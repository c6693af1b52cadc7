using EmoStream.Inference.Features.Acoustic.Analysis;

namespace EmoStream.Inference.Features.Acoustic.Descriptors;

/// <summary>
/// Cycle-to-cycle perturbation of the glottal marks within a window around each voiced frame, as Praat
/// defines it: local jitter (mean |T_i - T_i+1| over mean T), DDP jitter (mean |T_i+1 - 2 T_i + T_i-1| over
/// mean T), local shimmer (mean |A_i - A_i+1| over mean A) and shimmer in dB (mean |20 log10(A_i+1 / A_i)|).
/// Periods outside the F0 range, or differing from the neighbour by more than the maximum period factor, are
/// not compared. Frames with fewer than two comparisons have no value.
/// </summary>
internal sealed class PerturbationExtractor : IDescriptorExtractor
{
    public IReadOnlyList<DescriptorInfo> Descriptors { get; } =
    [
        new("jitterLocal", "fraction (0.01 = 1 %; voiced frames only)", "local period jitter"),
        new("jitterDdp", "fraction (voiced frames only)", "difference of differences of periods"),
        new("shimmerLocal", "fraction (voiced frames only)", "local amplitude shimmer"),
        new("shimmerLocalDb", "dB (voiced frames only)", "local amplitude shimmer in decibels"),
    ];

    public void Extract(UtteranceAnalysis analysis, DescriptorMatrix output, int firstRow)
    {
        var o = analysis.Options;
        var pulses = analysis.Pulses;
        var pitch = analysis.Pitch;
        var minPeriod = o.SampleRate / o.MaxF0Hz / o.MaxPeriodFactor;
        var maxPeriod = o.SampleRate / o.MinF0Hz * o.MaxPeriodFactor;
        var halfWindow = o.PerturbationFrameSeconds * o.SampleRate / 2;
        var jitter = output.Row(firstRow);
        var ddp = output.Row(firstRow + 1);
        var shimmer = output.Row(firstRow + 2);
        var shimmerDb = output.Row(firstRow + 3);
        var first = 0;
        for (var i = 0; i < analysis.FrameCount; i++)
        {
            jitter[i] = ddp[i] = shimmer[i] = shimmerDb[i] = float.NaN;
            if (!pitch.Voiced[i]) continue;
            var center = analysis.FrameCenter(i);
            while (first < pulses.Count && pulses.Position[first] < center - halfWindow) first++;
            var end = first;
            while (end < pulses.Count && pulses.Position[end] <= center + halfWindow) end++;

            double periodSum = 0, amplitudeSum = 0, jitterSum = 0, ddpSum = 0, shimmerSum = 0, shimmerDbSum = 0;
            int periods = 0, amplitudes = 0, jitterCount = 0, ddpCount = 0;
            for (var k = first; k + 1 < end; k++)
            {
                var t = Period(pulses, k, minPeriod, maxPeriod);
                if (t is null) continue;
                periodSum += t.Value;
                periods++;
                // Amplitudes are compared over the same valid periods as the marks that bound them.
                amplitudeSum += pulses.Amplitude[k];
                amplitudes++;
                var next = Period(pulses, k + 1, minPeriod, maxPeriod);
                if (k + 2 < end && next is not null && Comparable(t.Value, next.Value, o.MaxPeriodFactor))
                {
                    jitterSum += Math.Abs(t.Value - next.Value);
                    jitterCount++;
                    var previous = k > first ? Period(pulses, k - 1, minPeriod, maxPeriod) : null;
                    if (previous is not null && Comparable(previous.Value, t.Value, o.MaxPeriodFactor))
                    {
                        ddpSum += Math.Abs(next.Value - 2 * t.Value + previous.Value);
                        ddpCount++;
                    }
                }
                double a0 = pulses.Amplitude[k], a1 = pulses.Amplitude[k + 1];
                shimmerSum += Math.Abs(a0 - a1);
                if (a0 > 0 && a1 > 0) shimmerDbSum += Math.Abs(20 * Math.Log10(a1 / a0));
            }
            if (jitterCount < 2 || periods == 0) continue;
            var meanPeriod = periodSum / periods;
            var meanAmplitude = amplitudeSum / amplitudes;
            jitter[i] = (float)(jitterSum / jitterCount / meanPeriod);
            ddp[i] = ddpCount > 0 ? (float)(ddpSum / ddpCount / meanPeriod) : float.NaN;
            shimmer[i] = meanAmplitude > 0 ? (float)(shimmerSum / periods / meanAmplitude) : float.NaN;
            shimmerDb[i] = (float)(shimmerDbSum / periods);
        }
    }

    /// <summary>The period from mark <paramref name="k"/> to the next, when both lie in one voiced run and the period is plausible.</summary>
    private static double? Period(GlottalPulses pulses, int k, double minPeriod, double maxPeriod)
    {
        if (k < 0 || k + 1 >= pulses.Count || pulses.Segment[k] != pulses.Segment[k + 1]) return null;
        var t = pulses.Position[k + 1] - pulses.Position[k];
        return t >= minPeriod && t <= maxPeriod ? t : null;
    }

    private static bool Comparable(double a, double b, double factor) => Math.Max(a, b) <= factor * Math.Min(a, b);
}
