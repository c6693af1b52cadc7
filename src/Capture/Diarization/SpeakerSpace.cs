using System.Globalization;

namespace EmoStream.Capture.Diarization;

/// <summary>
/// A speaker-discriminant space learnt from corpus speakers (RAVDESS actors 1–12 acting every emotion, docs/DIARIZATION.md):
/// a segment's cepstral means and standard deviations projected by linear discriminant analysis so that one speaker's
/// segments, whatever the emotion, scatter as a unit Gaussian and speakers differ along axes of variance
/// <see cref="Between"/>. That is PLDA's two-covariance model, which scores whether segments share a speaker.
/// </summary>
internal sealed class SpeakerSpace
{
    /// <summary>Statistics per segment: <see cref="SpeakerFeatures.Dimensions"/> means, then as many standard deviations.</summary>
    public const int StatisticsDimensions = 2 * SpeakerFeatures.Dimensions;

    public const string ResourceName = "EmoStream.Capture.Diarization.speaker-space.txt";

    private static readonly Lazy<SpeakerSpace> Shipped = new(() =>
    {
        using var stream = typeof(SpeakerSpace).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the assembly holds no {ResourceName}");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), ResourceName);
    });

    public SpeakerSpace(double[] mean, double[][] projection, double[] between)
    {
        if (mean.Length != StatisticsDimensions || projection.Length != between.Length || projection.Any(row => row.Length != StatisticsDimensions))
            throw new ArgumentException($"a speaker space needs a mean of {StatisticsDimensions} and as many axes as variances, each of {StatisticsDimensions}");
        Mean = mean;
        Projection = projection;
        Between = between;
    }

    /// <summary>The space shipped in the assembly (<c>speaker-space.txt</c>).</summary>
    public static SpeakerSpace Default => Shipped.Value;

    public double[] Mean { get; }

    /// <summary>Rows: the discriminant axes, over <see cref="StatisticsDimensions"/> statistics.</summary>
    public double[][] Projection { get; }

    /// <summary>Between-speaker variance along each axis (within-speaker variance is 1).</summary>
    public double[] Between { get; }

    public int Dimensions => Between.Length;

    /// <summary>Means and standard deviations of frames [from, to).</summary>
    public static double[] Statistics(double[][] frames, int from, int to)
    {
        var d = SpeakerFeatures.Dimensions;
        var stats = new double[2 * d];
        var n = Math.Max(1, to - from);
        for (var t = from; t < to; t++)
            for (var i = 0; i < d; i++)
            {
                stats[i] += frames[t][i];
                stats[d + i] += frames[t][i] * frames[t][i];
            }
        for (var i = 0; i < d; i++)
        {
            stats[i] /= n;
            stats[d + i] = Math.Sqrt(Math.Max(1e-6, stats[d + i] / n - stats[i] * stats[i]));
        }
        return stats;
    }

    public double[] Project(double[] statistics)
    {
        var y = new double[Dimensions];
        for (var k = 0; k < Dimensions; k++)
            for (var i = 0; i < statistics.Length; i++) y[k] += Projection[k][i] * (statistics[i] - Mean[i]);
        return y;
    }

    /// <summary>
    /// Log-evidence, up to terms every partition of the same segments shares, that <paramref name="count"/> segments
    /// whose projections sum to <paramref name="sum"/> are one speaker's: per axis −½ log(1 + nλ) + λS² / (2(1 + nλ)).
    /// </summary>
    public double Evidence(int count, double[] sum)
    {
        double e = 0;
        for (var k = 0; k < Dimensions; k++)
        {
            var l = Between[k];
            e += -0.5 * Math.Log(1 + count * l) + l * sum[k] * sum[k] / (2 * (1 + count * l));
        }
        return e;
    }

    /// <summary>The text form: comment lines (#), then the mean, the variances, and one line per axis, numbers apart by spaces.</summary>
    public string Serialize(IEnumerable<string> comments) => string.Concat(comments.Select(c => $"# {c}\n")) +
        string.Join('\n', new[] { Mean, Between }.Concat(Projection).Select(row => string.Join(' ', row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))))) + "\n";

    public static SpeakerSpace Parse(string text, string source)
    {
        var rows = text.Split('\n').Select((line, i) => (Line: line.Trim(), Number: i + 1)).Where(l => l.Line.Length > 0 && !l.Line.StartsWith('#'))
            .Select(l => l.Line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                ? x : throw new FormatException($"{source}, line {l.Number}: '{v}' is not a number")).ToArray()).ToArray();
        if (rows.Length < 3 || rows[1].Length != rows.Length - 2)
            throw new FormatException($"{source}: expected a mean, {(rows.Length > 1 ? rows[1].Length : 0)} variances and as many axes; got {rows.Length} lines of numbers");
        return new SpeakerSpace(rows[0], rows[2..], rows[1]);
    }
}
