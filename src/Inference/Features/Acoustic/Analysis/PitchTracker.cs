namespace EmoStream.Inference.Features.Acoustic.Analysis;

/// <summary>
/// Praat's autocorrelation pitch tracker (Boersma 1993): per frame up to <see cref="MaxCandidates"/> peaks of
/// the normalized autocorrelation, refined to sub-sample lags by parabolic interpolation, plus an unvoiced
/// candidate; a Viterbi path then trades candidate strength against octave jumps and voicing changes.
/// </summary>
internal static class PitchTracker
{
    private const int MaxCandidates = 4;

    private readonly record struct Candidate(float Lag, float Strength);

    public static PitchTrack Track(PeriodicityFrames frames, AcousticAnalysisOptions o)
    {
        var n = frames.FrameCount;
        var fs = o.SampleRate;
        var slots = MaxCandidates + 1; // slot 0 is the unvoiced candidate (lag 0)
        var lags = new float[n * slots];
        var strengths = new float[n * slots];
        var counts = new int[n];
        var bestR = new float[n];
        var globalPeak = frames.Analysis.Peak;

        Span<Candidate> found = stackalloc Candidate[MaxCandidates];
        for (var i = 0; i < n; i++)
        {
            var localRatio = globalPeak > 0 ? frames.LocalPeak[i] / globalPeak : 0;
            var count = 0;
            if (frames.Analyzed[i]) count = Peaks(frames.AutocorrelationOf(i), frames.MinLag, frames.MaxLag, 0.5f * (float)o.VoicingThreshold, found);
            float best = 0;
            for (var c = 0; c < count; c++) best = Math.Max(best, found[c].Strength);
            bestR[i] = best;

            strengths[i * slots] = (float)(o.VoicingThreshold + Math.Max(0, 2 - localRatio / (o.SilenceThreshold / (1 + o.VoicingThreshold))));
            for (var c = 0; c < count; c++)
            {
                lags[i * slots + 1 + c] = found[c].Lag;
                // Praat's octave cost favours the higher of two equally strong candidates (subharmonics).
                strengths[i * slots + 1 + c] = (float)(found[c].Strength - o.OctaveCost * Math.Log2(o.MinF0Hz * found[c].Lag / fs));
            }
            counts[i] = 1 + count;
        }

        var path = Viterbi(n, slots, counts, lags, strengths, o);
        var f0 = new float[n];
        var periodicity = new float[n];
        var voiced = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var s = path[i];
            if (s == 0)
            {
                f0[i] = float.NaN;
                periodicity[i] = bestR[i];
                continue;
            }
            var lag = lags[i * slots + s];
            voiced[i] = true;
            f0[i] = fs / lag;
            periodicity[i] = Math.Clamp(InterpolatedR(frames.AutocorrelationOf(i), lag), 0f, 1f);
        }
        return new PitchTrack(f0, periodicity, voiced);
    }

    /// <summary>The strongest local maxima of r in [minLag, maxLag] above <paramref name="floor"/>, sub-sample refined.</summary>
    private static int Peaks(ReadOnlySpan<float> r, int minLag, int maxLag, float floor, Span<Candidate> found)
    {
        var count = 0;
        for (var lag = Math.Max(1, minLag); lag <= maxLag && lag + 1 < r.Length; lag++)
        {
            float a = r[lag - 1], b = r[lag], c = r[lag + 1];
            if (b < floor || b < a || b < c || (b == a && b == c)) continue;
            var denominator = a - 2 * b + c;
            var shift = denominator < 0 ? 0.5f * (a - c) / denominator : 0f;
            var strength = b - 0.25f * (a - c) * shift;
            // r slightly above 1 is an artefact of dividing by the window's autocorrelation.
            if (strength > 1) strength = 1 / strength;
            var candidate = new Candidate(lag + shift, strength);
            if (count < found.Length) { found[count++] = candidate; continue; }
            var weakest = 0;
            for (var k = 1; k < count; k++) if (found[k].Strength < found[weakest].Strength) weakest = k;
            if (found[weakest].Strength < strength) found[weakest] = candidate;
        }
        return count;
    }

    private static float InterpolatedR(ReadOnlySpan<float> r, float lag)
    {
        var i = (int)Math.Round(lag);
        i = Math.Clamp(i, 1, r.Length - 2);
        float a = r[i - 1], b = r[i], c = r[i + 1], x = lag - i;
        // The parabola through the three lags around the chosen one, evaluated at the refined lag.
        var value = b + 0.5f * x * (c - a) + 0.5f * x * x * (a - 2 * b + c);
        return value > 1 ? 1 / value : value;
    }

    private static int[] Viterbi(int n, int slots, int[] counts, float[] lags, float[] strengths, AcousticAnalysisOptions o)
    {
        var score = new float[n * slots];
        var back = new int[n * slots];
        var timeStepCorrection = 0.01 / o.HopSeconds;
        var voicedUnvoiced = (float)(o.VoicedUnvoicedCost * timeStepCorrection);
        var octaveJump = (float)(o.OctaveJumpCost * timeStepCorrection);
        for (var s = 0; s < counts[0]; s++) score[s] = strengths[s];
        for (var i = 1; i < n; i++)
        {
            for (var s = 0; s < counts[i]; s++)
            {
                var best = float.NegativeInfinity;
                var from = 0;
                for (var p = 0; p < counts[i - 1]; p++)
                {
                    var cost = Transition(lags[(i - 1) * slots + p], lags[i * slots + s], voicedUnvoiced, octaveJump);
                    var value = score[(i - 1) * slots + p] - cost;
                    if (value > best) { best = value; from = p; }
                }
                score[i * slots + s] = best + strengths[i * slots + s];
                back[i * slots + s] = from;
            }
        }
        var path = new int[n];
        var last = 0;
        for (var s = 1; s < counts[n - 1]; s++) if (score[(n - 1) * slots + s] > score[(n - 1) * slots + last]) last = s;
        path[n - 1] = last;
        for (var i = n - 1; i > 0; i--) path[i - 1] = back[i * slots + path[i]];
        return path;
    }

    private static float Transition(float previousLag, float lag, float voicedUnvoiced, float octaveJump)
    {
        var previousVoiced = previousLag > 0;
        var voiced = lag > 0;
        if (previousVoiced != voiced) return voicedUnvoiced;
        if (!voiced) return 0;
        return octaveJump * Math.Abs(MathF.Log2(previousLag / lag));
    }
}
