namespace EmoStream.Capture.Segmentation;

/// <summary>How speech probabilities become utterances; bound from <c>Capture:Segmentation</c> in appsettings.json.</summary>
public sealed class SegmentationOptions
{
    public const string SectionName = "Capture:Segmentation";

    /// <summary>Speech starts when the probability reaches this.</summary>
    public double Threshold { get; set; } = 0.5;

    /// <summary>Speech only counts as paused below Threshold minus this (hysteresis against flicker).</summary>
    public double ThresholdHysteresis { get; set; } = 0.15;

    /// <summary>Shorter bursts (a cough, a click) are dropped.</summary>
    public int MinSpeechMs { get; set; } = 250;

    /// <summary>A pause must last this long to end an utterance; shorter ones stay inside it.</summary>
    public int MinSilenceMs { get; set; } = 400;

    /// <summary>Audio kept before and after the detected speech, so word edges are not clipped.</summary>
    public int SpeechPadMs { get; set; } = 100;

    /// <summary>Longer speech is split: at its longest inner pause when there is one, else at this length.</summary>
    public int MaxUtteranceMs { get; set; } = 15_000;

    /// <summary>Throws <see cref="CaptureConfigurationException"/> naming the first impossible value.</summary>
    public void Validate()
    {
        static void Check(bool ok, string name, object value, string expected)
        {
            if (!ok) throw new CaptureConfigurationException($"{SectionName}:{name} is {value}; expected {expected}");
        }
        Check(Threshold is > 0 and < 1, nameof(Threshold), Threshold, "a probability between 0 and 1");
        Check(ThresholdHysteresis >= 0 && ThresholdHysteresis < Threshold, nameof(ThresholdHysteresis), ThresholdHysteresis, $"0 or more and below Threshold ({Threshold})");
        Check(MinSpeechMs >= 0, nameof(MinSpeechMs), MinSpeechMs, "0 or more");
        Check(MinSilenceMs > 0, nameof(MinSilenceMs), MinSilenceMs, "more than 0");
        Check(SpeechPadMs >= 0, nameof(SpeechPadMs), SpeechPadMs, "0 or more");
        Check(MaxUtteranceMs > MinSpeechMs && MaxUtteranceMs >= 1000, nameof(MaxUtteranceMs), MaxUtteranceMs, $"at least 1000 and more than MinSpeechMs ({MinSpeechMs})");
    }
}
