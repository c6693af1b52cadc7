using EmoStream.Inference.Model;
using EmoStream.Inference.Scoring;
using EmoStream.Sessions.Models;

namespace EmoStream.Sessions.Tests.Models;

/// <summary>A session keeps the model it leased whatever becomes active; a model neither active nor leased is released and loaded again when needed.</summary>
public sealed class ModelSetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-modelset-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string Shipped = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "models", "default.emsm"));

    [Fact]
    public async Task A_leased_model_stays_loaded_and_is_reused_and_an_unused_one_is_released()
    {
        var other = Path.Combine(_dir, "other.emsm");
        var (weights, metadata) = ModelFile.Load(Shipped);
        using (weights) ModelFile.Save(other, weights, metadata with { Training = metadata.Training with { Seed = metadata.Training.Seed + 1 } });
        var loads = new List<string>();
        ScoringModel Load(string path)
        {
            loads.Add(Path.GetFileName(path));
            return ScoringModel.Load(path);
        }
        using var set = new ModelSet(ScoringModel.Load(Shipped), Shipped, _dir, Load, _ => null);
        var shipped = set.Active;
        Assert.Equal(["default.emsm", "other.emsm"], set.Available().Select(e => e.File));

        var session = set.Lease();
        var switched = await set.SwitchAsync("other.emsm");
        Assert.Same(switched, set.Active);
        Assert.NotEqual(shipped.Id, switched.Id);
        Assert.Same(shipped, session.Model);

        // Back to the leased model: the loaded one, by id; the other is released, so a later switch loads it again.
        Assert.Same(shipped, await set.SwitchAsync(shipped.Id));
        session.Dispose();
        await set.SwitchAsync("other.emsm");
        Assert.Equal(["other.emsm", "other.emsm"], loads);
        await Assert.ThrowsAsync<UnknownModelException>(() => set.SwitchAsync("none.emsm"));
    }
}
