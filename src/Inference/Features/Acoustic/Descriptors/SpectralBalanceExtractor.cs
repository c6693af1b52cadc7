using EmoStream.Inference.Features.Acoustic.Analysis;

namespace EmoStream.Inference.Features.Acoustic.Descriptors;

/// <summary>
/// Energy balance between frequency regions, as in eGeMAPS: band energies, alpha ratio, Hammarberg index and
/// the log-spectrum slopes of 0-500 Hz and 500-1500 Hz. Ratios and slopes are NaN in silent frames.
/// </summary>
internal sealed class SpectralBalanceExtractor : IDescriptorExtractor
{
    public IReadOnlyList<DescriptorInfo> Descriptors { get; } =
    [
        new("bandEnergy250_650", "dB", "power between 250 and 650 Hz"),
        new("bandEnergy1k_4k", "dB", "power between 1 and 4 kHz"),
        new("alphaRatio", "dB", "power 50-1000 Hz over power 1-5 kHz"),
        new("hammarbergIndex", "dB", "strongest bin 0-2 kHz over strongest bin 2-5 kHz"),
        new("slope0_500", "dB/kHz", "least-squares slope of the log power spectrum 0-500 Hz"),
        new("slope500_1500", "dB/kHz", "least-squares slope of the log power spectrum 500-1500 Hz"),
    ];

    public void Extract(UtteranceAnalysis analysis, DescriptorMatrix output, int firstRow)
    {
        var binHz = analysis.SpectralBinHz;
        var last = analysis.SpectralBins - 1;
        (int From, int To) Bins(double lo, double hi) => (Math.Clamp((int)Math.Ceiling(lo / binHz), 0, last), Math.Clamp((int)Math.Floor(hi / binHz), 0, last));
        var low = Bins(250, 650);
        var high = Bins(1000, 4000);
        var alphaLow = Bins(50, 1000);
        var alphaHigh = Bins(1000, 5000);
        var hamLow = Bins(0, 2000);
        var hamHigh = Bins(2000, 5000);
        var slopeLow = Bins(0, 500);
        var slopeHigh = Bins(500, 1500);

        for (var i = 0; i < analysis.FrameCount; i++)
        {
            var p = analysis.PowerOf(i);
            var row = firstRow;
            output.Row(row++)[i] = Levels.Db(Sum(p, low));
            output.Row(row++)[i] = Levels.Db(Sum(p, high));
            if (Sum(p, (1, last)) < Levels.SilentFramePower)
            {
                for (; row < firstRow + Descriptors.Count; row++) output.Row(row)[i] = float.NaN;
                continue;
            }
            output.Row(row++)[i] = Levels.Db(Sum(p, alphaLow)) - Levels.Db(Sum(p, alphaHigh));
            output.Row(row++)[i] = Levels.Db(Max(p, hamLow)) - Levels.Db(Max(p, hamHigh));
            output.Row(row++)[i] = Slope(p, slopeLow, binHz);
            output.Row(row)[i] = Slope(p, slopeHigh, binHz);
        }
    }

    private static double Sum(ReadOnlySpan<float> p, (int From, int To) r)
    {
        double s = 0;
        for (var k = r.From; k <= r.To; k++) s += p[k];
        return s;
    }

    private static double Max(ReadOnlySpan<float> p, (int From, int To) r)
    {
        double m = 0;
        for (var k = r.From; k <= r.To; k++) m = Math.Max(m, p[k]);
        return m;
    }

    private static float Slope(ReadOnlySpan<float> p, (int From, int To) r, double binHz)
    {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        var n = r.To - r.From + 1;
        for (var k = r.From; k <= r.To; k++)
        {
            var x = k * binHz / 1000;
            double y = Levels.Db(p[k]);
            sx += x; sy += y; sxx += x * x; sxy += x * y;
        }
        var denominator = n * sxx - sx * sx;
        return denominator > 0 ? (float)((n * sxy - sx * sy) / denominator) : 0f;
    }
}
