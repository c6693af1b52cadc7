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
        var bins = analysis.SpectralBins;
        var binHz = analysis.SpectralBinHz;
        var lnPower = new float[bins];
        var magnitude = new float[bins];
        var previous = new float[bins];
        var previousValid = false;
        var cumulative = new double[bins];

        // Regression abscissa (kHz) statistics do not change between frames.
        double sumF = 0, sumFF = 0;
        var count = bins - 1;
        for (var k = 1; k < bins; k++) { var f = k * binHz / 1000; sumF += f; sumFF += f * f; }
        var meanF = sumF / count;
        var varF = sumFF / count - meanF * meanF;

        for (var i = 0; i < analysis.FrameCount; i++)
        {
            var p = analysis.PowerOf(i);
            double total = 0, first = 0;
            for (var k = 1; k < bins; k++) { total += p[k]; first += p[k] * k * binHz; cumulative[k] = total; }
            if (total < Levels.SilentFramePower)
            {
                for (var d = 0; d < Descriptors.Count; d++) output.Row(firstRow + d)[i] = float.NaN;
                previousValid = false;
                continue;
            }
            var centroid = first / total;
            double m2 = 0, m3 = 0, m4 = 0, sumLn = 0, sumPLnP = 0, sumFLn = 0, norm = 0;
            for (var k = 1; k < bins; k++)
            {
                var w = p[k] / total;
                var dev = k * binHz - centroid;
                var dev2 = dev * dev;
                m2 += w * dev2;
                m3 += w * dev2 * dev;
                m4 += w * dev2 * dev2;
                var ln = Math.Log(p[k] + Levels.PowerFloor);
                lnPower[k] = (float)ln;
                sumLn += ln;
                sumFLn += ln * (k * binHz / 1000);
                if (w > 0) sumPLnP += w * Math.Log(w);
                magnitude[k] = MathF.Sqrt(p[k]);
                norm += p[k];
            }
            var spread = Math.Sqrt(m2);
            var meanLn = sumLn / count;
            var row = firstRow;
            output.Row(row++)[i] = (float)centroid;
            output.Row(row++)[i] = (float)spread;
            output.Row(row++)[i] = spread > 0 ? (float)(m3 / (m2 * spread)) : 0;
            output.Row(row++)[i] = m2 > 0 ? (float)(m4 / (m2 * m2)) : 0;
            output.Row(row++)[i] = (float)(-sumPLnP / Math.Log(count));
            output.Row(row++)[i] = (float)Math.Min(1, Math.Exp(meanLn) / (total / count));

            var scale = (float)(1 / Math.Sqrt(norm));
            double flux = 0;
            for (var k = 1; k < bins; k++)
            {
                var m = magnitude[k] * scale;
                if (previousValid) flux += (m - previous[k]) * (m - previous[k]);
                previous[k] = m;
            }
            output.Row(row++)[i] = previousValid ? (float)flux : float.NaN;
            previousValid = true;

            foreach (var fraction in RollOffs)
            {
                var target = fraction * total;
                var k = 1;
                while (k < bins - 1 && cumulative[k] < target) k++;
                output.Row(row++)[i] = (float)(k * binHz);
            }
            // dB = 10 / ln 10 * ln power; slope = cov(f, dB) / var(f).
            var covariance = sumFLn / count - meanF * meanLn;
            output.Row(row)[i] = (float)(10 / Math.Log(10) * covariance / varF);
        }
    }
}
