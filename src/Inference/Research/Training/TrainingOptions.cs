namespace EmoStream.Inference.Training;

/// <summary>Optimisation settings, bound from the <c>Training</c> section of appsettings.json. Defaults are the paper's (Section 3.3).</summary>
public sealed class TrainingOptions
{
    public const string Section = "Training";

    public int Epochs { get; set; } = 100;

    /// <summary>Dialogues per mini-batch.</summary>
    public int BatchDialogues { get; set; } = 20;

    public double LearningRate { get; set; } = 1e-4;

    /// <summary>L2 regularisation, applied as Adam's weight decay.</summary>
    public double WeightDecay { get; set; } = 1e-5;

    /// <summary>Weight of the reversed speaker gradient; 0 gives the paper's comparison system.</summary>
    public double Lambda { get; set; } = 1.0;

    /// <summary>
    /// How lambda reaches its value: <c>Constant</c> (the paper) or <c>Ramp</c>, Ganin and Lempitsky's
    /// lambda * (2 / (1 + exp(-10 p)) - 1) over training progress p, which lets the speaker classifier learn first.
    /// </summary>
    public LambdaSchedule LambdaSchedule { get; set; } = LambdaSchedule.Constant;

    /// <summary>The speaker classifier's learning rate as a multiple of <see cref="LearningRate"/>.</summary>
    public double SpeakerLearningRateScale { get; set; } = 1.0;

    public int Seed { get; set; } = 1;

    /// <summary>
    /// Intra-op threads for libtorch; 0 keeps its default (all cores). One is the default: on this 2-core machine an
    /// IEMOCAP-sized epoch took 1.3 s with one thread and 13 s with two while other work shared the cores
    /// (bench/RESULTS.md), as libtorch's worker threads spin against each other.
    /// </summary>
    public int Threads { get; set; } = 1;

    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"epochs must be at least 1, got {Epochs}");
        if (BatchDialogues < 1) throw new ArgumentException($"batch size must be at least 1 dialogue, got {BatchDialogues}");
        if (LearningRate <= 0) throw new ArgumentException($"learning rate must be positive, got {LearningRate}");
        if (WeightDecay < 0) throw new ArgumentException($"weight decay must be non-negative, got {WeightDecay}");
        if (Lambda < 0) throw new ArgumentException($"lambda must be non-negative, got {Lambda}");
        if (SpeakerLearningRateScale <= 0) throw new ArgumentException($"speaker learning-rate scale must be positive, got {SpeakerLearningRateScale}");
    }

    public double LambdaAt(int epoch) => LambdaSchedule switch
    {
        LambdaSchedule.Ramp => Lambda * (2 / (1 + Math.Exp(-10.0 * (epoch - 1) / Epochs)) - 1),
        _ => Lambda,
    };

    public TrainingOptions With(Action<TrainingOptions> change)
    {
        var copy = (TrainingOptions)MemberwiseClone();
        change(copy);
        return copy;
    }
}
