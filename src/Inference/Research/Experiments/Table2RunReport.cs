using EmoStream.Inference.Training;

namespace EmoStream.Inference.Experiments;

/// <summary>Progress after one run of the Table 2 protocol; <see cref="Reused"/> when it came from a checkpoint.</summary>
public sealed record Table2RunReport(string Setting, double Lambda, int Run, int Runs, RunResult Result, bool Reused = false);
