using EmoStream.Inference.Training;

namespace EmoStream.Inference.Experiments;

/// <summary>
/// Finished Table 2 runs kept outside the process, so an interrupted experiment, or one split over several processes
/// or sessions, reuses them instead of training again. Each run is seeded on its own, so a reused run equals a retrained one.
/// </summary>
public interface ITable2Checkpoint
{
    RunResult? Find(string setting, double lambda, int seed);

    /// <summary>Keeps a finished run; one already kept is left as it is.</summary>
    void Record(string setting, double lambda, RunResult result);
}
