namespace EmoStream.Inference.Conversations;

/// <summary>
/// Where a clip's speech lies: the first and last 20 ms frames within 25 dB of its loudest frame (and above
/// -70 dBFS), widened by 50 ms. Relative to the peak, because some acted clips peak at -50 dBFS; breaths and
/// room tails below that range are not the turn. Acted-speech clips carry up to a second of silence on each side; a conversation
/// made of them untrimmed would have turn gaps nobody chose, and turn boundaries no detector could match.
/// </summary>
public static class SpeechExtent
{
    private const double RangeDb = 25, FloorDbfs = -70, MarginSeconds = 0.05, FrameSeconds = 0.02;

    /// <summary>The clip cut to its speech (the whole clip when no frame passes, e.g. silence).</summary>
    public static float[] Trim(float[] samples, int sampleRate)
    {
        var (from, to) = Find(samples, sampleRate);
        return samples.AsSpan(from, to - from).ToArray();
    }

    public static (int From, int To) Find(ReadOnlySpan<float> samples, int sampleRate)
    {
        var frame = Math.Max(1, (int)(FrameSeconds * sampleRate));
        var frames = samples.Length / frame;
        if (frames == 0) return (0, samples.Length);
        var levels = new double[frames];
        for (var f = 0; f < frames; f++)
        {
            double sum = 0;
            foreach (var x in samples.Slice(f * frame, frame)) sum += x * x;
            levels[f] = 10 * Math.Log10(sum / frame + 1e-12);
        }
        var threshold = Math.Max(levels.Max() - RangeDb, FloorDbfs);
        var first = Array.FindIndex(levels, l => l >= threshold);
        var last = Array.FindLastIndex(levels, l => l >= threshold);
        if (first < 0) return (0, samples.Length);
        var margin = (int)(MarginSeconds * sampleRate);
        return (Math.Max(0, first * frame - margin), Math.Min(samples.Length, (last + 1) * frame + margin));
    }
}
