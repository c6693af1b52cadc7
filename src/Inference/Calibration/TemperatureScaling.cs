namespace EmoStream.Inference.Calibration;

/// <summary>
/// Temperature scaling (Guo et al., 2017): one scalar T dividing the logits, fitted by minimising the negative
/// log-likelihood on held-out labeled utterances. It never changes the predicted class, only how sure the model says
/// it is. The NLL is convex in 1/T, hence unimodal in log T, so a golden-section search over log T is exact enough.
/// </summary>
public static class TemperatureScaling
{
    public const double MinTemperature = 0.05;
    public const double MaxTemperature = 20;

    /// <summary>Held-out utterances a modality pattern needs before it gets a temperature of its own.</summary>
    public const int MinimumPerPattern = 30;

    /// <summary>Held-out utterances of a pattern a source needs to count in <see cref="FitAcrossSources"/> (one held-out EmoDB speaker has 22).</summary>
    public const int MinimumPerSource = 20;

    public static double Fit(IReadOnlyList<float[]> logits, IReadOnlyList<int> truth)
    {
        if (logits.Count != truth.Count) throw new ArgumentException($"{logits.Count} logit rows but {truth.Count} labels");
        if (truth.Count == 0) throw new ArgumentException("temperature scaling needs at least one labeled held-out utterance");
        return Minimise(t => NegativeLogLikelihood(logits, truth, t));
    }

    /// <summary>
    /// The temperature that helps the source it helps least as much as possible: it minimises, over T, the largest
    /// increase of any source's NLL over its NLL at T = 1. One T fitted on pooled data follows the largest source and
    /// can make a smaller one worse (held-out EmoDB's ECE doubled under a T fitted mostly on RAVDESS); this one never
    /// makes a source's NLL worse than leaving the model uncalibrated, since T = 1 scores 0. With one source it is the
    /// NLL fit. The largest of convex functions of 1/T is convex, so the search stays exact.
    /// </summary>
    public static double FitAcrossSources(IReadOnlyList<float[]> logits, IReadOnlyList<int> truth, IReadOnlyList<string> sources)
    {
        if (sources.Count != truth.Count) throw new ArgumentException($"{sources.Count} sources but {truth.Count} labels");
        var parts = Enumerable.Range(0, truth.Count).GroupBy(i => sources[i], StringComparer.Ordinal)
            .Select(g => (Logits: g.Select(i => logits[i]).ToArray(), Truth: g.Select(i => truth[i]).ToArray())).ToArray();
        if (parts.Length <= 1) return Fit(logits, truth);
        var baseline = parts.Select(p => NegativeLogLikelihood(p.Logits, p.Truth, 1)).ToArray();
        return Minimise(t => parts.Select((p, k) => NegativeLogLikelihood(p.Logits, p.Truth, t) - baseline[k]).Max());
    }

    /// <summary>Golden-section search over log T in [<see cref="MinTemperature"/>, <see cref="MaxTemperature"/>].</summary>
    private static double Minimise(Func<double, double> objective)
    {
        double lo = Math.Log(MinTemperature), hi = Math.Log(MaxTemperature);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        double a = hi - ratio * (hi - lo), b = lo + ratio * (hi - lo);
        double fa = objective(Math.Exp(a)), fb = objective(Math.Exp(b));
        while (hi - lo > 1e-6)
        {
            if (fa <= fb) { hi = b; b = a; fb = fa; a = hi - ratio * (hi - lo); fa = objective(Math.Exp(a)); }
            else { lo = a; a = b; fa = fb; b = lo + ratio * (hi - lo); fb = objective(Math.Exp(b)); }
        }
        return Math.Exp((lo + hi) / 2);
    }

    /// <summary>
    /// The pooled temperature over all utterances, plus one per modality pattern that has at least
    /// <paramref name="minimumPerPattern"/> utterances (fewer would give a noisy temperature; those use the pooled one).
    /// With <paramref name="sources"/> (the corpus of each utterance), each is fitted across sources
    /// (<see cref="FitAcrossSources"/>), sources with fewer than <see cref="MinimumPerSource"/> utterances of a pattern
    /// not counting for it.
    /// </summary>
    public static Temperatures FitPerModality(IReadOnlyList<float[]> logits, IReadOnlyList<int> truth, IReadOnlyList<ModalityPattern?> patterns,
        int minimumPerPattern = MinimumPerPattern, IReadOnlyList<string>? sources = null)
    {
        if (patterns.Count != truth.Count) throw new ArgumentException($"{patterns.Count} modality patterns but {truth.Count} labels");
        double FitRows(int[] rows)
        {
            if (sources is null) return Fit(rows.Select(i => logits[i]).ToArray(), rows.Select(i => truth[i]).ToArray());
            var kept = rows.GroupBy(i => sources[i], StringComparer.Ordinal).Where(g => g.Count() >= Math.Min(minimumPerPattern, MinimumPerSource)).SelectMany(g => g).ToArray();
            if (kept.Length == 0) kept = rows;
            return FitAcrossSources(kept.Select(i => logits[i]).ToArray(), kept.Select(i => truth[i]).ToArray(), kept.Select(i => sources[i]).ToArray());
        }
        var byModality = new Dictionary<ModalityPattern, double>();
        foreach (var group in Enumerable.Range(0, truth.Count).Where(i => patterns[i] is not null).GroupBy(i => patterns[i]!.Value))
        {
            var rows = group.ToArray();
            if (rows.Length >= minimumPerPattern) byModality[group.Key] = FitRows(rows);
        }
        return new Temperatures(FitRows(Enumerable.Range(0, truth.Count).ToArray()), byModality);
    }

    /// <summary>Mean negative log-likelihood of the true classes under softmax(logits / T).</summary>
    public static double NegativeLogLikelihood(IReadOnlyList<float[]> logits, IReadOnlyList<int> truth, double temperature)
    {
        var total = 0.0;
        for (var i = 0; i < truth.Count; i++)
        {
            var z = logits[i];
            var max = double.NegativeInfinity;
            foreach (var v in z) max = Math.Max(max, v / temperature);
            var sum = 0.0;
            foreach (var v in z) sum += Math.Exp(v / temperature - max);
            total += max + Math.Log(sum) - z[truth[i]] / temperature;
        }
        return total / truth.Count;
    }

    /// <summary>softmax(logits / T) in double precision, returned as floats.</summary>
    public static float[] Probabilities(ReadOnlySpan<float> logits, double temperature)
    {
        var max = double.NegativeInfinity;
        foreach (var v in logits) max = Math.Max(max, v / temperature);
        var p = new double[logits.Length];
        var sum = 0.0;
        for (var c = 0; c < logits.Length; c++) sum += p[c] = Math.Exp(logits[c] / temperature - max);
        return p.Select(x => (float)(x / sum)).ToArray();
    }
}
