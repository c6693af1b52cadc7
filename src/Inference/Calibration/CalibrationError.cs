namespace EmoStream.Inference.Calibration;

/// <summary>
/// Expected calibration error (Guo et al., 2017): predictions binned by confidence (the top probability) into equal-width
/// bins over [0, 1] (bin k holds confidences in [k/B, (k+1)/B), the last bin includes 1), then
/// <c>sum_k |B_k| / n * |accuracy(B_k) - mean confidence(B_k)|</c>. 0 is perfectly calibrated.
/// </summary>
public static class CalibrationError
{
    public const int DefaultBins = 15;

    public static double Expected(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> truth, int bins = DefaultBins)
    {
        if (probabilities.Count != truth.Count)
            throw new ArgumentException($"{probabilities.Count} predictions but {truth.Count} labels");
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "at least one bin");
        if (truth.Count == 0) return double.NaN;
        var count = new int[bins];
        var correct = new int[bins];
        var confidence = new double[bins];
        for (var i = 0; i < truth.Count; i++)
        {
            var p = probabilities[i];
            var top = 0;
            for (var c = 1; c < p.Length; c++) if (p[c] > p[top]) top = c;
            var bin = Math.Min((int)(p[top] * bins), bins - 1);
            count[bin]++;
            confidence[bin] += p[top];
            if (top == truth[i]) correct[bin]++;
        }
        var ece = 0.0;
        for (var b = 0; b < bins; b++)
            if (count[b] > 0)
                ece += Math.Abs((double)correct[b] / count[b] - confidence[b] / count[b]) * count[b] / truth.Count;
        return ece;
    }
}
