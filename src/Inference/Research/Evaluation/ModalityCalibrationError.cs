using EmoStream.Inference.Calibration;

namespace EmoStream.Inference.Evaluation;

/// <summary>Calibration of one modality pattern's labeled utterances: the temperature used and the ECE without and with it.</summary>
public sealed record ModalityCalibrationError(ModalityPattern Modalities, int Utterances, double Temperature, double EceBefore, double Ece);
