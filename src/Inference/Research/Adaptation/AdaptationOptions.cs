namespace EmoStream.Inference.Adaptation;

/// <summary>How <c>emostream adapt</c> splits and judges, bound from the <c>Adaptation</c> section of appsettings.json.</summary>
public sealed class AdaptationOptions
{
    public const string Section = "Adaptation";

    /// <summary>Labeled corpora (folders) trained on beside the sessions: the shipped recipe's clips and dialogues.</summary>
    public string[] Corpora { get; set; } = [];

    /// <summary>Share of each class's corrections held out from training to compare the new model with the current one.</summary>
    public double HeldOutShare { get; set; } = 0.3;

    /// <summary>Fewer held-out corrections than this and no model is recommended: the comparison could not tell.</summary>
    public int MinHeldOut { get; set; } = 10;

    /// <summary>
    /// From this many held-out corrections the temperatures are refitted on them (the comparison's calibration error is
    /// then cross-fitted over two halves); below it the current model's calibration is carried over.
    /// </summary>
    public int MinCalibration { get; set; } = 40;

    public void Validate()
    {
        if (HeldOutShare is <= 0 or >= 1) throw new ArgumentException($"Adaptation:HeldOutShare must be between 0 and 1, got {HeldOutShare}");
        if (MinHeldOut < 1) throw new ArgumentException($"Adaptation:MinHeldOut must be at least 1, got {MinHeldOut}");
        if (MinCalibration < 2) throw new ArgumentException($"Adaptation:MinCalibration must be at least 2, got {MinCalibration}");
    }
}
