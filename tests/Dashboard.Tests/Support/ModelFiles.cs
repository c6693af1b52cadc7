using EmoStream.Inference.Calibration;
using EmoStream.Inference.Model;

namespace EmoStream.Dashboard.Tests.Support;

/// <summary>Real model files for tests of the server's model set, made from the shipped one.</summary>
internal static class ModelFiles
{
    public static string Shipped => Path.Combine(DashboardServer.RepoRoot(), "models", "default.emsm");

    /// <summary>
    /// The shipped model calibrated to a <paramref name="factor"/> times higher temperature: the same decisions with
    /// flatter probabilities, so which of the two scored shows in every result.
    /// </summary>
    public static string Flattened(string path, double factor = 4)
    {
        var (model, metadata) = ModelFile.Load(Shipped);
        using (model)
        {
            var calibration = metadata.Calibration ?? new CalibrationSummary(1, [], 0, null, null);
            ModelFile.Save(path, model, metadata with { Calibration = calibration with { Temperature = factor * calibration.Temperature, ModalityTemperatures = null } });
        }
        return path;
    }
}
