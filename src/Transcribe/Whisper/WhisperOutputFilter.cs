namespace EmoStream.Transcribe.Whisper;

/// <summary>
/// Whisper invents fluent text for noise and silence. Segments it judges to be no speech (no-speech
/// probability above the threshold while its tokens are unsure, OpenAI's rule) are dropped, and the rest is
/// kept only when the geometric mean of its token probabilities reaches the minimum confidence and it holds
/// at least one letter or digit.
/// </summary>
public sealed class WhisperOutputFilter(double noSpeechThreshold, double minConfidence)
{
    /// <summary>Mean log-probability under which a likely-silent segment counts as unsure (OpenAI's logprob_threshold).</summary>
    public const double UnsureLogProbability = -1.0;

    public EngineOutput Apply(IReadOnlyList<WhisperSegment> segments)
    {
        var kept = new List<WhisperSegment>();
        var droppedAsSilence = 0;
        foreach (var segment in segments)
        {
            if (segment.NoSpeechProbability > noSpeechThreshold && MeanLogProbability(segment.TokenProbabilities) < UnsureLogProbability)
                droppedAsSilence++;
            else
                kept.Add(segment);
        }

        var text = string.Join(" ", kept.Select(s => s.Text.Trim()).Where(t => t.Length > 0));
        if (!text.Any(char.IsLetterOrDigit))
            return new EngineOutput("", 0, droppedAsSilence > 0 ? $"{droppedAsSilence} segment(s) judged to be no speech" : null);

        var confidence = Math.Exp(MeanLogProbability(kept.SelectMany(s => s.TokenProbabilities).ToList()));
        if (confidence < minConfidence)
            return new EngineOutput("", confidence, $"mean token probability {confidence:F2} is below {minConfidence:F2}: \"{text}\" dropped as implausible");
        return new EngineOutput(text, confidence);
    }

    private static double MeanLogProbability(IReadOnlyList<float> probabilities) =>
        probabilities.Count == 0 ? double.NegativeInfinity : probabilities.Average(p => Math.Log(Math.Max(p, 1e-10)));
}
