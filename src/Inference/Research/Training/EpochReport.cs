namespace EmoStream.Inference.Training;

/// <summary>Progress after one epoch: mean losses and training accuracies of both classifiers.</summary>
public sealed record EpochReport(int Run, int Epoch, int Epochs, double EmotionLoss, double SpeakerLoss,
    double EmotionAccuracy, double SpeakerAccuracy, TimeSpan Elapsed);
