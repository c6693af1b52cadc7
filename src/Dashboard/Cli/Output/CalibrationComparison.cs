using EmoStream.Inference.Calibration;

namespace EmoStream.Dashboard.Cli.Output;

/// <summary>ECE of one modality pattern's labeled test utterances (null pattern: all of them) without calibration,
/// with the pooled temperature alone, and with the per-modality temperatures.</summary>
public sealed record CalibrationComparison(ModalityPattern? Modalities, int Utterances, double Uncalibrated, double Pooled, double PerModality);
