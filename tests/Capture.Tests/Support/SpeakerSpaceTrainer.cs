using EmoStream.Capture.Diarization;

namespace EmoStream.Capture.Tests.Support;

/// <summary>
/// Learns <see cref="SpeakerSpace"/> (the file shipped as <c>src/Capture/Diarization/speaker-space.txt</c>) from
/// RAVDESS actors 1–12 only (13–20 are the held-out test): 40 mono calls of two or three of them, both intensities,
/// cut into segments as <see cref="Diarizer"/> cuts them; each segment labelled with the actor who speaks 80 % or
/// more of it; then linear discriminant analysis of the segments' cepstral statistics (docs/DIARIZATION.md).
/// </summary>
internal static class SpeakerSpaceTrainer
{
    public static readonly string[] Actors = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"];
    private const int Calls = 40;
    private const int Axes = 8;

    /// <summary>
    /// Speakers the space never saw differ less along its axes than the ones it was learnt from: cross-validated on
    /// actors 1–12 (learnt on six, counted on calls of the other six), a quarter of the learnt variance counted best.
    /// </summary>
    private const double UnseenBetweenShare = 0.25;

    public static SpeakerSpace Train() => Train(Segments(Actors, Calls), Axes, UnseenBetweenShare);

    public static IEnumerable<string> Description =>
    [
        "Speaker space for EmoStream.Capture.Diarization.SpeakerSpace: learnt by tests/Capture.Tests/Support/SpeakerSpaceTrainer.cs",
        $"from RAVDESS actors 1-12 ({Calls} assembled calls, both intensities, {Axes} LDA axes, between variances x {UnseenBetweenShare}).",
        "Regenerate: EMOSTREAM_WRITE_SPEAKER_SPACE=1 dotnet test tests/Capture.Tests -c Release --filter SpeakerSpaceTests",
        "Lines: mean of the 38 statistics (19 cepstral means, 19 standard deviations); between-speaker variance per axis; one axis per line.",
    ];

    /// <summary>Segments of assembled calls of these actors, labelled by the actor who speaks most of them (80 % or more, at least 0.5 s).</summary>
    public static List<(string Speaker, double[] Statistics)> Segments(string[] actors, int calls)
    {
        var result = new List<(string, double[])>();
        var random = new Random(1000);
        for (var c = 0; c < calls; c++)
        {
            var pick = actors.OrderBy(_ => random.Next()).Take(2 + c % 2).ToArray();
            var call = AssembledCalls.Ravdess(pick, turns: 12, 1000 + c, ["normal", "strong"]);
            var (_, _, segments) = Diarizer.Segment(call.Samples, new DiarizationOptions());
            // The statistics of the recording as it is (the diarizer centres each call on itself, which this space then ignores).
            var (cepstra, _) = SpeakerFeatures.Compute(call.Samples);
            foreach (var (start, end) in segments)
            {
                var spoken = new int[pick.Length];
                foreach (var turn in call.Reference)
                {
                    var overlap = Math.Min(end * SpeakerFeatures.FrameSeconds, turn.End) - Math.Max(start * SpeakerFeatures.FrameSeconds, turn.Start);
                    if (overlap > 0) spoken[turn.Speaker] += (int)(overlap * 100);
                }
                var most = Array.IndexOf(spoken, spoken.Max());
                if (spoken[most] < 0.8 * spoken.Sum() || spoken[most] < 50) continue;
                result.Add((pick[most], SpeakerSpace.Statistics(cepstra, start, end)));
            }
        }
        return result;
    }

    /// <summary>
    /// Within- and between-speaker covariance of the statistics, the <paramref name="axes"/> directions of largest
    /// between/within ratio (the within-speaker covariance whitened to I), between variances scaled by <paramref name="betweenShare"/>.
    /// </summary>
    public static SpeakerSpace Train(IReadOnlyList<(string Speaker, double[] Statistics)> segments, int axes, double betweenShare)
    {
        var d = segments[0].Statistics.Length;
        var speakers = segments.GroupBy(s => s.Speaker).ToArray();
        var mean = new double[d];
        foreach (var s in segments)
            for (var i = 0; i < d; i++) mean[i] += s.Statistics[i] / segments.Count;
        var within = new double[d, d];
        var between = new double[d, d];
        foreach (var speaker in speakers)
        {
            var m = new double[d];
            foreach (var s in speaker)
                for (var i = 0; i < d; i++) m[i] += s.Statistics[i] / speaker.Count();
            foreach (var s in speaker)
                for (var i = 0; i < d; i++)
                    for (var j = 0; j < d; j++) within[i, j] += (s.Statistics[i] - m[i]) * (s.Statistics[j] - m[j]) / segments.Count;
            for (var i = 0; i < d; i++)
                for (var j = 0; j < d; j++) between[i, j] += (m[i] - mean[i]) * (m[j] - mean[j]) / speakers.Length;
        }

        // W = L Lᵀ; the eigenvectors v of L⁻¹ B L⁻ᵀ give the axes vᵀ L⁻¹, along which W is I and B is diagonal.
        var inverse = InverseLower(Cholesky(within, d), d);
        var whitened = new double[d, d];
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++)
                for (var a = 0; a <= i; a++)
                    for (var b = 0; b <= j; b++) whitened[i, j] += inverse[i, a] * between[a, b] * inverse[j, b];
        var (values, vectors) = SymmetricEigen(whitened, d);
        var order = Enumerable.Range(0, d).OrderByDescending(k => values[k]).Take(axes).ToArray();
        var projection = order.Select(k =>
        {
            var row = new double[d];
            for (var j = 0; j < d; j++)
                for (var i = j; i < d; i++) row[j] += vectors[i, k] * inverse[i, j];
            return row;
        }).ToArray();
        return new SpeakerSpace(mean, projection, [.. order.Select(k => betweenShare * Math.Max(values[k], 1e-6))]);
    }

    private static double[,] Cholesky(double[,] a, int d)
    {
        var l = new double[d, d];
        for (var j = 0; j < d; j++)
        {
            var s = a[j, j];
            for (var k = 0; k < j; k++) s -= l[j, k] * l[j, k];
            l[j, j] = Math.Sqrt(Math.Max(s, 1e-12));
            for (var i = j + 1; i < d; i++)
            {
                var v = a[i, j];
                for (var k = 0; k < j; k++) v -= l[i, k] * l[j, k];
                l[i, j] = v / l[j, j];
            }
        }
        return l;
    }

    private static double[,] InverseLower(double[,] l, int d)
    {
        var inverse = new double[d, d];
        for (var i = 0; i < d; i++)
        {
            inverse[i, i] = 1 / l[i, i];
            for (var j = 0; j < i; j++)
            {
                double v = 0;
                for (var k = j; k < i; k++) v -= l[i, k] * inverse[k, j];
                inverse[i, j] = v / l[i, i];
            }
        }
        return inverse;
    }

    /// <summary>Cyclic Jacobi rotations: the eigenvalues and eigenvectors (columns) of a symmetric matrix.</summary>
    private static (double[] Values, double[,] Vectors) SymmetricEigen(double[,] matrix, int d)
    {
        var a = (double[,])matrix.Clone();
        var v = new double[d, d];
        for (var i = 0; i < d; i++) v[i, i] = 1;
        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (var i = 0; i < d; i++)
                for (var j = i + 1; j < d; j++) off += a[i, j] * a[i, j];
            if (off < 1e-22) break;
            for (var p = 0; p < d; p++)
                for (var q = p + 1; q < d; q++)
                {
                    if (a[p, q] == 0) continue;
                    var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    var t = (theta >= 0 ? 1 : -1) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < d; k++)
                    {
                        (a[k, p], a[k, q]) = (c * a[k, p] - s * a[k, q], s * a[k, p] + c * a[k, q]);
                        (v[k, p], v[k, q]) = (c * v[k, p] - s * v[k, q], s * v[k, p] + c * v[k, q]);
                    }
                    for (var k = 0; k < d; k++) (a[p, k], a[q, k]) = (c * a[p, k] - s * a[q, k], s * a[p, k] + c * a[q, k]);
                }
        }
        return ([.. Enumerable.Range(0, d).Select(i => a[i, i])], v);
    }
}
