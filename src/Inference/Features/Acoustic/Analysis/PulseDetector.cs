using System.Numerics.Tensors;

namespace EmoStream.Inference.Features.Acoustic.Analysis;

/// <summary>
/// Marks glottal periods in voiced stretches like Praat's "To PointProcess (periodic, cc)": each run of voiced
/// frames is anchored at its largest excursion; from there, mark by mark to the right and to the left, the next
/// mark is the shift between 0.8 and 1.25 local periods (from the pitch track) at which one period of waveform
/// around the current mark best correlates with the waveform there, refined by parabolic interpolation. A mark's
/// amplitude is the peak of the dominant polarity within half a period of it.
/// </summary>
internal static class PulseDetector
{
    private const double SearchEarly = 0.8;
    private const double SearchLate = 1.25;

    /// <summary>Below this normalized correlation the waveform no longer repeats: the run of marks ends.</summary>
    private const float MinCorrelation = 0.3f;

    public static GlottalPulses Detect(UtteranceAnalysis analysis)
    {
        var pitch = analysis.Pitch;
        var x = analysis.Samples;
        var hop = analysis.Options.HopSamples;
        var rate = analysis.Options.SampleRate;
        var positions = new List<double>();
        var amplitudes = new List<float>();
        var segments = new List<int>();
        var segment = 0;
        for (var first = 0; first < analysis.FrameCount;)
        {
            if (!pitch.Voiced[first]) { first++; continue; }
            var last = first;
            while (last + 1 < analysis.FrameCount && pitch.Voiced[last + 1]) last++;
            var run = new Run(x, pitch, first, last, hop, rate);
            if (run.End - run.Start > 2)
            {
                var marks = new List<double>();
                var anchor = run.Anchor();
                marks.Add(anchor);
                Follow(run, anchor, +1, marks);
                marks.Reverse();
                Follow(run, anchor, -1, marks);
                marks.Reverse();
                marks.Sort();
                foreach (var mark in marks)
                {
                    positions.Add(mark);
                    amplitudes.Add(run.Amplitude(mark));
                    segments.Add(segment);
                }
            }
            segment++;
            first = last + 1;
        }
        return new GlottalPulses(positions.ToArray(), amplitudes.ToArray(), segments.ToArray());
    }

    private static void Follow(Run run, double start, int direction, List<double> marks)
    {
        var mark = start;
        while (true)
        {
            var period = run.Period(mark);
            var next = run.BestShift(mark, period, direction);
            if (next is null) return;
            mark = next.Value;
            marks.Add(mark);
        }
    }

    /// <summary>One run of voiced frames and the samples it spans.</summary>
    private sealed class Run(float[] x, PitchTrack pitch, int first, int last, int hop, int rate)
    {
        public int Start { get; } = Math.Max(0, first * hop);
        public int End { get; } = Math.Min(x.Length, (last + 1) * hop);

        private readonly int _polarity = Polarity(x.AsSpan(Math.Max(0, first * hop), Math.Max(0, Math.Min(x.Length, (last + 1) * hop) - first * hop)));

        /// <summary>Local period in samples at <paramref name="position"/>: the F0 of its frame, kept inside the run.</summary>
        public double Period(double position) => rate / pitch.F0Hz[Math.Clamp((int)(position / hop), first, last)];

        public double Anchor()
        {
            var best = Start;
            for (var i = Start; i < End; i++) if (_polarity * x[i] > _polarity * x[best]) best = i;
            return best;
        }

        public float Amplitude(double mark)
        {
            var half = (int)(Period(mark) / 2);
            var center = (int)Math.Round(mark);
            var from = Math.Max(0, center - half);
            var to = Math.Min(x.Length - 1, center + half);
            var peak = 0f;
            for (var i = from; i <= to; i++) peak = Math.Max(peak, _polarity * x[i]);
            return peak;
        }

        /// <summary>
        /// The position, 0.8 to 1.25 periods from <paramref name="mark"/> in <paramref name="direction"/>, whose
        /// surrounding period best correlates with the one around the mark; null when it leaves the run or no
        /// shift correlates.
        /// </summary>
        public double? BestShift(double mark, double period, int direction)
        {
            var length = (int)Math.Round(period);
            var reference = (int)Math.Round(mark) - length / 2;
            var minShift = (int)Math.Floor(SearchEarly * period);
            var maxShift = (int)Math.Ceiling(SearchLate * period);
            if (reference < 0 || reference + length > x.Length) return null;
            var a = x.AsSpan(reference, length);
            var energyA = TensorPrimitives.SumOfSquares(a);
            if (energyA <= 0) return null;

            Span<float> correlation = stackalloc float[maxShift - minShift + 3];
            var bestIndex = -1;
            for (var shift = minShift - 1; shift <= maxShift + 1; shift++)
            {
                var start = reference + direction * shift;
                var index = shift - minShift + 1;
                if (start < Start || start + length > End) { correlation[index] = float.NaN; continue; }
                var b = x.AsSpan(start, length);
                var energyB = TensorPrimitives.SumOfSquares(b);
                correlation[index] = energyB > 0 ? TensorPrimitives.Dot(a, b) / MathF.Sqrt(energyA * energyB) : 0f;
                if (shift >= minShift && shift <= maxShift && (bestIndex < 0 || correlation[index] > correlation[bestIndex])) bestIndex = index;
            }
            if (bestIndex < 0 || correlation[bestIndex] < MinCorrelation) return null;
            double refined = bestIndex + minShift - 1;
            float left = correlation[bestIndex - 1], center = correlation[bestIndex], right = correlation[bestIndex + 1];
            if (!float.IsNaN(left) && !float.IsNaN(right))
            {
                var denominator = left - 2 * center + right;
                if (denominator < 0) refined += 0.5 * (left - right) / denominator;
            }
            return mark + direction * refined;
        }

        /// <summary>+1 when the run's largest excursion is positive: amplitudes are then measured on positive peaks.</summary>
        private static int Polarity(ReadOnlySpan<float> run)
        {
            float max = 0, min = 0;
            foreach (var v in run) { if (v > max) max = v; if (v < min) min = v; }
            return max >= -min ? 1 : -1;
        }
    }
}
