using EmoStream.Inference.Scoring;

namespace EmoStream.Sessions.Models;

/// <summary>A session's hold on the model it started with: the model stays loaded until every lease on it ends, whatever becomes active meanwhile.</summary>
public sealed class ModelLease : IDisposable
{
    private readonly ModelSet _set;
    private int _released;

    internal ModelLease(ModelSet set, ScoringModel model)
    {
        _set = set;
        Model = model;
    }

    public ScoringModel Model { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) _set.Release(Model);
    }
}
