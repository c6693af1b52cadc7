namespace EmoStream.Inference.Model;

/// <summary>The model's shape, bound from the <c>Model</c> section of appsettings.json. Defaults are the paper's.</summary>
public sealed class ModelOptions
{
    public const string Section = "Model";

    public int Hidden { get; set; } = 100;
    public int Heads { get; set; } = 4;
    public double Dropout { get; set; } = 0.2;
    public ContextMode Mode { get; set; } = ContextMode.Causal;

    /// <summary>Classifiers on fused + context vectors (<see cref="DannArchitecture.Residual"/>); false is the paper's.</summary>
    public bool Residual { get; set; }
}
