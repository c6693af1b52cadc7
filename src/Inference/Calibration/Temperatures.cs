namespace EmoStream.Inference.Calibration;

/// <summary>
/// Softmax temperatures of a calibrated model: one pooled over all held-out utterances and, where the held-out data had
/// enough of them, one per <see cref="ModalityPattern"/> fitted on that pattern alone. Scoring an utterance uses its
/// pattern's temperature when there is one and the pooled one otherwise.
/// </summary>
public sealed record Temperatures
{
    public static readonly Temperatures None = new(1);

    public Temperatures(double pooled, IReadOnlyDictionary<ModalityPattern, double>? byModality = null)
    {
        if (!(pooled > 0)) throw new ArgumentOutOfRangeException(nameof(pooled), pooled, "a temperature must be positive");
        foreach (var (pattern, t) in byModality ?? new Dictionary<ModalityPattern, double>())
            if (!(t > 0)) throw new ArgumentOutOfRangeException(nameof(byModality), t, $"the {pattern} temperature must be positive");
        Pooled = pooled;
        ByModality = byModality ?? new Dictionary<ModalityPattern, double>();
    }

    public double Pooled { get; }

    public IReadOnlyDictionary<ModalityPattern, double> ByModality { get; }

    public double For(ModalityPattern? pattern) => pattern is { } p && ByModality.TryGetValue(p, out var t) ? t : Pooled;

    public float[] Probabilities(ReadOnlySpan<float> logits, ModalityPattern? pattern) => TemperatureScaling.Probabilities(logits, For(pattern));

    public override string ToString() =>
        ByModality.Count == 0 ? $"T = {Pooled:F3}" : $"T = {Pooled:F3} pooled; " + string.Join(", ", ByModality.OrderBy(m => m.Key).Select(m => $"{ModalityPatterns.Name(m.Key)} {m.Value:F3}"));
}
