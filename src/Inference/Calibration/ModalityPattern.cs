namespace EmoStream.Inference.Calibration;

/// <summary>Which modalities an utterance was scored with. Calibration is kept per pattern because a model can be
/// over-confident on one modality and well calibrated on another.</summary>
public enum ModalityPattern
{
    Audio,
    Text,
    AudioAndText,
}
