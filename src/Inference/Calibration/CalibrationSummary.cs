using System.Text.Json.Serialization;

namespace EmoStream.Inference.Calibration;

/// <summary>
/// A model's fitted temperatures and the held-out data they were fitted on, stored in the model file: the pooled
/// <see cref="Temperature"/> and, per modality pattern with enough held-out utterances, its own
/// (<see cref="ModalityTemperatures"/>). <see cref="EceBefore"/> and <see cref="Ece"/> are the expected calibration
/// error on the test groups before and after scaling (null when there were no labeled test utterances).
/// <see cref="Source"/> names the model the calibration was fitted on when it was carried over to a model trained on
/// all the data (which has no held-out data of its own).
/// </summary>
public sealed record CalibrationSummary(double Temperature, IReadOnlyList<string> Groups, int Utterances, double? EceBefore, double? Ece,
    IReadOnlyDictionary<ModalityPattern, double>? ModalityTemperatures = null, string? Source = null)
{
    [JsonIgnore]
    public Temperatures Temperatures => new(Temperature, ModalityTemperatures);
}
