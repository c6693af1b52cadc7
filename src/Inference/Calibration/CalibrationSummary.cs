namespace EmoStream.Inference.Calibration;

/// <summary>
/// A model's fitted temperature and the held-out data it was fitted on, stored in the model file. <see cref="EceBefore"/>
/// and <see cref="Ece"/> are the expected calibration error on the test groups before and after scaling (null when
/// the training had no labeled test utterances).
/// </summary>
public sealed record CalibrationSummary(double Temperature, IReadOnlyList<string> Groups, int Utterances, double? EceBefore, double? Ece);
