namespace EmoStream.Capture.Diarization;

/// <summary>
/// Who spoke when in one channel, with classic methods (no pretrained speaker model): speech frames by energy,
/// cepstra (<see cref="SpeakerFeatures"/>) with the recording's mean removed, speaker changes inside each stretch of
/// speech by the Bayesian information criterion (BIC) between full-covariance Gaussians, agglomerative clustering of
/// the segments in a speaker space learnt from corpus speakers (<see cref="SpeakerSpace"/>, to the given number of
/// speakers, or to the number found on a bounded subset of them), then each
/// frame re-assigned to the speaker whose Gaussian explains the surrounding second best (docs/DIARIZATION.md).
/// </summary>
public static class Diarizer
{
    private const double CovarianceFloor = 0.05;
    private const int MinChangeFrames = 100;    // 1 s each side of a change
    private const int ChangeWindowFrames = 300;
    private const int MaxChangeWindowFrames = 600;
    private const int ChangeStep = 10;
    private const int MinClusteredFrames = 150; // shorter segments say too little of the voice to steer the clustering: they join a speaker after

    /// <param name="samples">Mono audio at 16 kHz.</param>
    public static IReadOnlyList<SpeakerTurn> Diarize(ReadOnlySpan<float> samples, DiarizationOptions options) => Diarize(samples, options, SpeakerSpace.Default);

    /// <summary>In another speaker space (cross-validation learns spaces from some corpus speakers to count others).</summary>
    internal static IReadOnlyList<SpeakerTurn> Diarize(ReadOnlySpan<float> samples, DiarizationOptions options, SpeakerSpace space)
    {
        var (x, regions, segments) = Segment(samples, options);
        if (regions.Length == 0) return [];
        var labels = Cluster(x, segments, options, space);
        for (var pass = 0; pass < 2; pass++) labels = Resegment(x, regions, labels, options.SmoothingSeconds);
        return Turns(labels);
    }

    /// <summary>What the count is decided on: the gain of the best merge from k clusters to k − 1, at [k − 1] (empty without speech).</summary>
    internal static double[] CountEvidence(ReadOnlySpan<float> samples, DiarizationOptions options, SpeakerSpace space)
    {
        var (x, regions, segments) = Segment(samples, options);
        return regions.Length == 0 ? [] : LastMergeGains(Embed(x, segments, space).Clustered, options, space);
    }

    /// <summary>Steps 1 to 3: the cepstra (mean-removed), the stretches of speech, and the segments between speaker changes.</summary>
    internal static (double[][] Cepstra, (int Start, int End)[] Regions, List<(int Start, int End)> Segments) Segment(ReadOnlySpan<float> samples, DiarizationOptions options)
    {
        var (x, energy) = SpeakerFeatures.Compute(samples);
        var speech = SpeechFrames(energy, options.SpeechMarginDb);
        if (!speech.Contains(true)) return (x, [], []);
        RemoveMean(x, speech);
        var regions = Runs(speech).ToArray();
        return (x, regions, [.. regions.SelectMany(r => Changes(x, r.Start, r.End, options.ChangePenalty))]);
    }

    /// <summary>Energy above the quietest tenth by the margin (and within 45 dB of the loudest frames); gaps under 0.3 s closed, bursts under 0.2 s dropped.</summary>
    private static bool[] SpeechFrames(double[] energy, double marginDb)
    {
        var sorted = energy.Order().ToArray();
        var floor = sorted[(int)(0.10 * (sorted.Length - 1))];
        var loud = sorted[(int)(0.97 * (sorted.Length - 1))];
        var threshold = Math.Max(floor + marginDb, loud - 45);
        var speech = energy.Select(e => e > threshold).ToArray();
        Fill(speech, value: false, shorterThan: 30); // close short pauses
        Fill(speech, value: true, shorterThan: 20);  // drop clicks
        return speech;
    }

    /// <summary>Flips runs of <paramref name="value"/> shorter than <paramref name="shorterThan"/> frames that lie between runs of the other value.</summary>
    private static void Fill(bool[] frames, bool value, int shorterThan)
    {
        var t = 0;
        while (t < frames.Length)
        {
            var end = t;
            while (end < frames.Length && frames[end] == frames[t]) end++;
            if (frames[t] == value && end - t < shorterThan && (value || (t > 0 && end < frames.Length)))
                for (var i = t; i < end; i++) frames[i] = !value;
            t = end;
        }
    }

    private static void RemoveMean(double[][] x, bool[] speech)
    {
        var d = x[0].Length;
        var mean = new double[d];
        var n = 0;
        for (var t = 0; t < x.Length; t++)
        {
            if (!speech[t]) continue;
            n++;
            for (var i = 0; i < d; i++) mean[i] += x[t][i];
        }
        foreach (var row in x)
            for (var i = 0; i < d; i++) row[i] -= mean[i] / n;
    }

    private static IEnumerable<(int Start, int End)> Runs(bool[] speech)
    {
        for (var t = 0; t < speech.Length;)
        {
            if (!speech[t])
            {
                t++;
                continue;
            }
            var end = t;
            while (end < speech.Length && speech[end]) end++;
            yield return (t, end);
            t = end;
        }
    }

    /// <summary>ΔBIC of one Gaussian for a ∪ b against one each: positive when two voices explain the frames better than one.</summary>
    private static double DeltaBic(GaussianStats a, GaussianStats b, double penalty)
    {
        var d = a.Sum.Length;
        var n = a.Count + b.Count;
        var gain = 0.5 * (n * GaussianStats.LogDet(a, b, CovarianceFloor) - a.Count * GaussianStats.LogDet(a, null, CovarianceFloor)
            - b.Count * GaussianStats.LogDet(b, null, CovarianceFloor));
        return gain - penalty * 0.5 * (d + 0.5 * d * (d + 1)) * Math.Log(n);
    }

    /// <summary>Splits one stretch of speech at speaker changes: a growing window, the best split point in it, kept when ΔBIC is positive.</summary>
    private static IEnumerable<(int Start, int End)> Changes(double[][] x, int from, int to, double penalty)
    {
        var start = from;
        var end = Math.Min(to, start + ChangeWindowFrames);
        while (end - start >= 2 * MinChangeFrames)
        {
            var total = GaussianStats.Of(x, start, end);
            var left = GaussianStats.Of(x, start, start + MinChangeFrames);
            double best = double.NegativeInfinity;
            var at = -1;
            for (var t = start + MinChangeFrames; t <= end - MinChangeFrames; t += ChangeStep)
            {
                var delta = DeltaBic(left, total.Minus(left), penalty);
                if (delta > best)
                {
                    best = delta;
                    at = t;
                }
                for (var i = t; i < Math.Min(t + ChangeStep, end); i++) left.Add(x[i]);
            }
            if (best > 0)
            {
                yield return (start, at);
                start = at;
                end = Math.Min(to, start + ChangeWindowFrames);
            }
            else if (end == to) break;
            else
            {
                end = Math.Min(to, end + ChangeWindowFrames / 3);
                if (end - start > MaxChangeWindowFrames) start = end - MaxChangeWindowFrames;
            }
        }
        yield return (start, to);
    }

    /// <summary>
    /// Agglomerative clustering of the segments of 1.5 s or more in the speaker space, each step merging the two clusters
    /// whose merge gains most log-evidence, down to the speaker count (given, or found by <see cref="Count"/>); shorter
    /// segments then join the cluster they fit best.
    /// </summary>
    private static int[] Cluster(double[][] x, List<(int Start, int End)> segments, DiarizationOptions options, SpeakerSpace space)
    {
        var (embedded, clustered) = Embed(x, segments, space);
        var all = clustered.Select(e => new SpeakerCluster(e.Y, e.Segment)).ToArray();
        var target = Math.Max(1, options.Speakers ?? Count(clustered, options, space));
        var clusters = Agglomerate(all, space, target, _ => { });
        // Added to the segments only: the evidence stays that of the segments long enough to speak for the voice.
        foreach (var e in embedded.Except(clustered))
            clusters.MaxBy(c => c.MergeGain(new SpeakerCluster(e.Y, e.Segment), space))!.Segments.Add(e.Segment);

        var labels = Enumerable.Repeat(-1, x.Length).ToArray();
        for (var c = 0; c < clusters.Count; c++)
            foreach (var (start, end) in clusters[c].Segments)
                for (var t = start; t < end; t++) labels[t] = c;
        return labels;
    }

    /// <summary>Every segment projected in the space and centred on the call, and those long enough to cluster (all of them when none is).</summary>
    private static (((int Start, int End) Segment, double[] Y)[] All, ((int Start, int End) Segment, double[] Y)[] Clustered) Embed(
        double[][] x, List<(int Start, int End)> segments, SpeakerSpace space)
    {
        var embedded = segments.Select(s => (Segment: s, Y: space.Project(SpeakerSpace.Statistics(x, s.Start, s.End)))).ToArray();
        // Centred on the call: a recording's channel shifts every segment alike and says nothing of who speaks.
        var centre = new double[space.Dimensions];
        foreach (var (_, y) in embedded)
            for (var k = 0; k < centre.Length; k++) centre[k] += y[k] / embedded.Length;
        foreach (var (_, y) in embedded)
            for (var k = 0; k < centre.Length; k++) y[k] -= centre[k];
        var longEnough = embedded.Where(e => e.Segment.End - e.Segment.Start >= MinClusteredFrames).ToArray();
        return (embedded, longEnough.Length > 0 ? longEnough : embedded);
    }

    /// <summary>
    /// The speaker count: the clusters left when every merge would lose more than <see cref="DiarizationOptions.CountThreshold"/>
    /// (at most <see cref="DiarizationOptions.MaxSpeakers"/>), decided on at most <see cref="DiarizationOptions.CountSegments"/>
    /// segments spread evenly over the call: evidence grows with the segments weighed, so a long call weighed whole
    /// would split one voice's moods into speakers.
    /// </summary>
    private static int Count(((int Start, int End) Segment, double[] Y)[] clustered, DiarizationOptions options, SpeakerSpace space) =>
        Count(LastMergeGains(clustered, options, space), options);

    /// <summary>The count from the gains of the last merges (<see cref="CountEvidence"/>).</summary>
    internal static int Count(double[] gains, DiarizationOptions options)
    {
        for (var k = Math.Min(options.MaxSpeakers, gains.Length); k >= 2; k--)
            if (gains[k - 1] < options.CountThreshold) return k;
        return 1;
    }

    /// <summary>[k − 1]: the gain of the best merge from k clusters to k − 1, clustering the evenly spread subset the count is decided on.</summary>
    private static double[] LastMergeGains(((int Start, int End) Segment, double[] Y)[] clustered, DiarizationOptions options, SpeakerSpace space)
    {
        var n = Math.Min(clustered.Length, options.CountSegments);
        var subset = Enumerable.Range(0, n).Select(i => clustered[(int)((i + 0.5) * clustered.Length / n)])
            .Select(e => new SpeakerCluster(e.Y, e.Segment)).ToArray();
        var gains = new double[n];
        Agglomerate(subset, space, 1, merge => gains[merge.Clusters - 1] = merge.Gain);
        return gains;
    }

    /// <summary>Merges the two clusters whose merge gains most log-evidence until <paramref name="target"/> remain, telling each merge's gain and the clusters before it.</summary>
    private static List<SpeakerCluster> Agglomerate(SpeakerCluster[] all, SpeakerSpace space, int target, Action<(int Clusters, double Gain)> merged)
    {
        // Gains of every pair kept, only the merged cluster's row recomputed: an hour's call has a thousand segments or more.
        var gains = new double[all.Length, all.Length];
        for (var i = 0; i < all.Length; i++)
            for (var j = 0; j < i; j++) gains[i, j] = all[i].MergeGain(all[j], space);
        var alive = Enumerable.Range(0, all.Length).ToList();
        while (alive.Count > target)
        {
            var (bi, bj, best) = (-1, -1, double.NegativeInfinity);
            foreach (var i in alive)
                foreach (var j in alive)
                    if (j < i && gains[i, j] > best) (bi, bj, best) = (i, j, gains[i, j]);
            merged((alive.Count, best));
            all[bj].Absorb(all[bi]);
            alive.Remove(bi);
            foreach (var k in alive.Where(k => k != bj))
                if (k < bj) gains[bj, k] = all[bj].MergeGain(all[k], space);
                else gains[k, bj] = all[bj].MergeGain(all[k], space);
        }
        return [.. alive.Select(i => all[i])];
    }

    /// <summary>Segments thought one speaker's: the sum of the projections of those clustered, and every segment it holds.</summary>
    private sealed class SpeakerCluster(double[] y, (int Start, int End) segment)
    {
        public int Count { get; private set; } = 1;

        public double[] Sum { get; } = (double[])y.Clone();

        public List<(int Start, int End)> Segments { get; } = [segment];

        public double MergeGain(SpeakerCluster other, SpeakerSpace space) =>
            space.Evidence(Count + other.Count, [.. Sum.Select((s, k) => s + other.Sum[k])]) - space.Evidence(Count, Sum) - space.Evidence(other.Count, other.Sum);

        public void Absorb(SpeakerCluster other)
        {
            Count += other.Count;
            for (var k = 0; k < Sum.Length; k++) Sum[k] += other.Sum[k];
            Segments.AddRange(other.Segments);
        }
    }

    /// <summary>Each speech frame to the speaker whose Gaussian best explains the frames around it (scores summed over the smoothing window, inside its stretch of speech).</summary>
    private static int[] Resegment(double[][] x, (int Start, int End)[] regions, int[] labels, double smoothingSeconds)
    {
        var speakers = labels.Max() + 1;
        var stats = Enumerable.Range(0, speakers).Select(_ => new GaussianStats(x[0].Length)).ToArray();
        for (var t = 0; t < x.Length; t++)
            if (labels[t] >= 0) stats[labels[t]].Add(x[t]);
        var models = stats.Where(s => s.Count > x[0].Length).Select(s => s.Model(CovarianceFloor)).ToArray();
        if (models.Length < 2) return labels;
        var half = (int)(smoothingSeconds / SpeakerFeatures.FrameSeconds / 2);
        var scratch = new double[x[0].Length];
        var result = Enumerable.Repeat(-1, x.Length).ToArray();
        foreach (var (start, end) in regions)
        {
            var scores = new double[end - start, models.Length];
            for (var t = start; t < end; t++)
                for (var m = 0; m < models.Length; m++) scores[t - start, m] = GaussianStats.LogLikelihood(x[t], models[m], scratch);
            var window = new double[models.Length];
            int lo = 0, hi = 0;
            for (var t = 0; t < end - start; t++)
            {
                while (hi < Math.Min(end - start, t + half + 1))
                {
                    for (var m = 0; m < models.Length; m++) window[m] += scores[hi, m];
                    hi++;
                }
                while (lo < t - half)
                {
                    for (var m = 0; m < models.Length; m++) window[m] -= scores[lo, m];
                    lo++;
                }
                var best = 0;
                for (var m = 1; m < models.Length; m++) if (window[m] > window[best]) best = m;
                result[start + t] = best;
            }
        }
        return result;
    }

    /// <summary>Runs of one label as turns, speakers renumbered in order of first speech.</summary>
    private static IReadOnlyList<SpeakerTurn> Turns(int[] labels)
    {
        var order = new Dictionary<int, int>();
        var turns = new List<SpeakerTurn>();
        for (var t = 0; t < labels.Length;)
        {
            var end = t;
            while (end < labels.Length && labels[end] == labels[t]) end++;
            if (labels[t] >= 0)
            {
                if (!order.TryGetValue(labels[t], out var speaker)) order[labels[t]] = speaker = order.Count;
                // A frame covers [t·hop, t·hop + window); its centre stands for it.
                var frame = SpeakerFeatures.FrameSeconds;
                var centre = (double)SpeakerFeatures.Window / 2 / SpeakerFeatures.SampleRate - frame / 2;
                turns.Add(new SpeakerTurn(t * frame + centre, end * frame + centre, speaker));
            }
            t = end;
        }
        return turns;
    }
}
