using System.Numerics.Tensors;
using EmoStream.Inference.Features.Acoustic.Analysis;

namespace EmoStream.Inference.Features.Acoustic.Descriptors;

/// <summary>
/// Shape of the power spectrum of each spectral frame (bins above DC). Silent frames have no shape: NaN.
/// </summary>
internal sealed class SpectralShapeExtractor : IDescriptorExtractor
{
    private static readonly double[] RollOffs = [0.25, 0.50, 0.75, 0.90];

    public IReadOnlyList<DescriptorInfo> Descriptors { get; } =
    [
        new("spectralCentroid", "Hz", "power-weighted mean frequency"),
        new("spectralSpread", "Hz", "power-weighted standard deviation of frequency"),
        new("spectralSkewness", "dimensionless", "third standardized moment of the power distribution"),
        new("spectralKurtosis", "dimensionless", "fourth standardized moment of the power distribution"),
        new("spectralEntropy", "0..1 (Shannon entropy / log of bin count)", "1 for white noise, near 0 for a pure tone"),
        new("spectralFlatness", "0..1 (geometric / arithmetic mean power)", "about 0.56 for white noise, near 0 for a tone"),
        new("spectralFlux", "0..2 (squared distance of L2-normalized magnitude spectra)", "change from the previous frame"),
        .. RollOffs.Select(r => new DescriptorInfo($"spectralRollOff{r * 100:0}", "Hz", $"frequency below which {r:P0} of the power lies")),
        new("spectralSlope", "dB/kHz", "least-squares slope of the log power spectrum over 0 to Nyquist"),
    ];

    public void Extract(UtteranceAnalysis analysis, DescriptorMatrix output, int firstRow)
    {
        // Bins above DC only; all per-bin work is vectorized with TensorPrimitives.
        var count = analysis.SpectralBins - 1;
        var binHz = analysis.SpectralBinHz;
        var hz = new float[count];
        var khz = new float[count];
        for (var k = 0; k < count; k++) { hz[k] = (float)((k + 1) * binHz); khz[k] = hz[k] / 1000; }
        var meanKhz = TensorPrimitives.Sum(khz) / count;
        var varKhz = TensorPrimitives.Dot(khz, khz) / count - meanKhz * meanKhz;
        var deviation = new float[count];
        var deviation2 = new float[count];
        var weighted = new float[count];
        var lnPower = new float[count];
        var magnitude = new float[count];
        var previous = new float[count];
        var previousValid = false;

        for (var i = 0; i < analysis.FrameCount; i++)
        {
            var p = analysis.PowerOf(i)[1..];
            double total = TensorPrimitives.Sum(p);
            if (total < Levels.SilentFramePower)
            {
                for (var d = 0; d < Descriptors.Count; d++) output.Row(firstRow + d)[i] = float.NaN;
                previousValid = false;
                continue;
            }
            var centroid = TensorPrimitives.Dot(p, hz) / total;
            TensorPrimitives.Subtract(hz, (float)centroid, deviation);
            TensorPrimitives.Multiply(deviation, deviation, deviation2);
            TensorPrimitives.Multiply(p, deviation2, weighted);
            var m2 = TensorPrimitives.Sum(weighted) / total;
            var m3 = TensorPrimitives.Dot(weighted, deviation) / total;
            var m4 = TensorPrimitives.Dot(weighted, deviation2) / total;
            TensorPrimitives.Add(p, (float)Levels.PowerFloor, lnPower);
            TensorPrimitives.Log(lnPower, lnPower);
            var meanLn = TensorPrimitives.Sum(lnPower) / (double)count;
            // Σ w ln w with w = p / total; zero-power bins contribute 0 (p ln(p + floor) = 0).
            var sumWLnW = TensorPrimitives.Dot(p, lnPower) / total - Math.Log(total);

            var spread = Math.Sqrt(m2);
            var row = firstRow;
            output.Row(row++)[i] = (float)centroid;
            output.Row(row++)[i] = (float)spread;
            output.Row(row++)[i] = spread > 0 ? (float)(m3 / (m2 * spread)) : 0;
            output.Row(row++)[i] = m2 > 0 ? (float)(m4 / (m2 * m2)) : 0;
            output.Row(row++)[i] = (float)Math.Clamp(-sumWLnW / Math.Log(count), 0, 1);
            output.Row(row++)[i] = (float)Math.Min(1, Math.Exp(meanLn) / (total / count));

            TensorPrimitives.Sqrt(p, magnitude);
            TensorPrimitives.Multiply(magnitude, (float)(1 / Math.Sqrt(total)), magnitude);
            output.Row(row++)[i] = previousValid ? MathF.Pow(TensorPrimitives.Distance(magnitude, previous), 2) : float.NaN;
            magnitude.CopyTo(previous.AsSpan());
            previousValid = true;

            var rollOff = 0;
            double cumulative = 0;
            for (var k = 0; k < count && rollOff < RollOffs.Length; k++)
            {
                cumulative += p[k];
                while (rollOff < RollOffs.Length && cumulative >= RollOffs[rollOff] * total)
                    output.Row(row + rollOff++)[i] = hz[k];
            }
            for (; rollOff < RollOffs.Length; rollOff++) output.Row(row + rollOff)[i] = hz[count - 1];
            row += RollOffs.Length;

            // dB = 10 / ln 10 * ln power; slope = cov(f, dB) / var(f).
            var covariance = TensorPrimitives.Dot(khz, lnPower) / count - meanKhz * meanLn;
            output.Row(row)[i] = (float)(10 / Math.Log(10) * covariance / varKhz);
        }
    }
}
