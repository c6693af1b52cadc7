using System.Numerics.Tensors;

namespace EmoStream.Inference.Features.Acoustic.Analysis;

/// <summary>Triangular filters equally spaced on the mel scale (HTK's 2595 log10(1 + f/700)), unit peak.</summary>
internal sealed class MelFilterBank
{
    private readonly int[] _firstBin;
    private readonly float[][] _weights;

    public MelFilterBank(int bands, double lowHz, double highHz, int fftSize, int sampleRate)
    {
        Bands = bands;
        _firstBin = new int[bands];
        _weights = new float[bands][];
        var binHz = sampleRate / (double)fftSize;
        var lowMel = HzToMel(lowHz);
        var highMel = HzToMel(highHz);
        var edges = new double[bands + 2];
        for (var i = 0; i < edges.Length; i++) edges[i] = MelToHz(lowMel + (highMel - lowMel) * i / (bands + 1));
        CenterHz = new double[bands];
        for (var b = 0; b < bands; b++)
        {
            double lo = edges[b], center = edges[b + 1], hi = edges[b + 2];
            CenterHz[b] = center;
            var first = (int)Math.Ceiling(lo / binHz);
            var last = Math.Min(fftSize / 2, (int)Math.Floor(hi / binHz));
            var w = new List<float>();
            for (var k = first; k <= last; k++)
            {
                var f = k * binHz;
                w.Add((float)Math.Max(0, f <= center ? (f - lo) / (center - lo) : (hi - f) / (hi - center)));
            }
            // A filter narrower than one bin still takes the nearest bin, so no band is always empty.
            if (w.Count == 0) { first = Math.Min(fftSize / 2, (int)Math.Round(center / binHz)); w.Add(1f); }
            _firstBin[b] = first;
            _weights[b] = w.ToArray();
        }
    }

    public int Bands { get; }

    public double[] CenterHz { get; }

    public void Apply(ReadOnlySpan<float> power, Span<float> bandPower)
    {
        for (var b = 0; b < Bands; b++)
            bandPower[b] = TensorPrimitives.Dot(power.Slice(_firstBin[b], _weights[b].Length), _weights[b]);
    }

    public static double HzToMel(double hz) => 2595 * Math.Log10(1 + hz / 700);

    public static double MelToHz(double mel) => 700 * (Math.Pow(10, mel / 2595) - 1);
}
