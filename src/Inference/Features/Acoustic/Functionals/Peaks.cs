namespace EmoStream.Inference.Features.Acoustic.Functionals;

/// <summary>
/// Peaks: local maxima (between adjacent frames) above the contour's mean. Rate per second of utterance,
/// mean peak height above the contour mean, and mean and deviation of the distance between peaks (seconds).
/// </summary>
internal sealed class Peaks : IFunctionalGroup
{
    public IReadOnlyList<string> Names { get; } = ["peakRate", "peakMeanRel", "peakDistMean", "peakDistStd"];

    public void Compute(Contour contour, Span<float> output)
    {
        var x = contour.Values;
        var mean = Statistics.Mean(x);
        var times = new List<double>();
        double heights = 0;
        for (var i = 1; i + 1 < x.Length; i++)
        {
            if (!contour.Adjacent(i - 1) || !contour.Adjacent(i)) continue;
            if (x[i] > x[i - 1] && x[i] >= x[i + 1] && x[i] > mean)
            {
                times.Add(contour.Seconds(i));
                heights += x[i] - mean;
            }
        }
        var distances = new List<double>();
        for (var i = 1; i < times.Count; i++) distances.Add(times[i] - times[i - 1]);
        output[0] = (float)(times.Count / (contour.TotalFrames / contour.FramesPerSecond));
        output[1] = times.Count > 0 ? (float)(heights / times.Count) : 0;
        output[2] = distances.Count > 0 ? (float)distances.Average() : 0;
        output[3] = (float)Statistics.StandardDeviation(distances);
    }
}
