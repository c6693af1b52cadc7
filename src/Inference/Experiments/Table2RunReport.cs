using EmoStream.Inference.Training;

namespace EmoStream.Inference.Experiments;

/// <summary>Progress after one training run of the Table 2 protocol.</summary>
public sealed record Table2RunReport(string Setting, double Lambda, int Run, int Runs, RunResult Result);
