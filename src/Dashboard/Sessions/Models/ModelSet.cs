using EmoStream.Inference.Model;
using EmoStream.Inference.Scoring;

namespace EmoStream.Sessions.Models;

/// <summary>
/// The emotion models the server may score with: the files of <c>Models:Directory</c> and the model it started with.
/// One is active: new sessions lease it (<see cref="Lease"/>) and keep it to their end, whatever becomes active
/// meanwhile; a model neither active nor leased is released. A switch loads the new model completely (checksum,
/// weights, featurizers) before it becomes active, so a file that fails to load never replaces the active one.
/// </summary>
public sealed class ModelSet : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _switching = new(1, 1);
    private readonly Dictionary<ScoringModel, int> _leases = [];
    private readonly string _startPath;
    private readonly Func<string, ScoringModel> _load;
    private readonly Func<ScoringModel, string?> _refuse;
    private ScoringModel _active;
    private bool _disposed;

    /// <param name="active">The model the server started with, loaded from <paramref name="startPath"/>.</param>
    /// <param name="load">Loads a model file (<see cref="ScoringModel.Load"/> with the server's settings).</param>
    /// <param name="refuse">Why the server cannot switch to a loaded model (its classes, its modalities), or null.</param>
    public ModelSet(ScoringModel active, string startPath, string directory, Func<string, ScoringModel> load, Func<ScoringModel, string?> refuse)
    {
        _active = active;
        _startPath = Path.GetFullPath(startPath);
        Directory = Path.GetFullPath(directory);
        _load = load;
        _refuse = refuse;
    }

    /// <summary>The folder of model files (<c>Models:Directory</c>, made absolute).</summary>
    public string Directory { get; }

    /// <summary>The model new sessions start with.</summary>
    public ScoringModel Active
    {
        get { lock (_gate) return _active; }
    }

    /// <summary>The model files of the folder, and the one the server started with when it lies elsewhere, read afresh.</summary>
    public IReadOnlyList<ModelEntry> Available()
    {
        var entries = ModelCatalog.List(Directory);
        return entries.Any(e => e.Path == _startPath) ? entries : [ModelCatalog.Read(_startPath), .. entries];
    }

    /// <summary>The active model, held for one session until the lease is disposed.</summary>
    public ModelLease Lease()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _leases[_active] = _leases.GetValueOrDefault(_active) + 1;
            return new ModelLease(this, _active);
        }
    }

    internal void Release(ScoringModel model)
    {
        lock (_gate)
        {
            var left = _leases[model] - 1;
            if (left > 0) _leases[model] = left;
            else
            {
                _leases.Remove(model);
                if (model != _active && !_disposed) model.Dispose();
            }
        }
    }

    /// <summary>Makes the model named <paramref name="name"/> (its file name or id) active for new sessions; running sessions keep theirs.</summary>
    /// <exception cref="UnknownModelException">No model of the set has that name.</exception>
    /// <exception cref="ModelMismatchException">The file cannot be loaded (corrupt, offline, featurizers this build cannot rebuild) or the server cannot use it; the active model stays.</exception>
    public async Task<ScoringModel> SwitchAsync(string name, CancellationToken cancellationToken = default)
    {
        await _switching.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var available = Available();
            var entry = available.FirstOrDefault(e => e.Id == name || e.File == name)
                        ?? throw new UnknownModelException($"no model '{name}' among the server's models (Models:Directory); available: {string.Join(", ", available.Select(e => e.File))}");
            if (entry.Problem is not null) throw new ModelMismatchException(entry.Problem);
            ScoringModel? loaded;
            lock (_gate) loaded = _leases.Keys.Append(_active).FirstOrDefault(m => m.Id == entry.Id);
            var model = loaded ?? Load(entry);
            if (loaded is null && _refuse(model) is { } problem)
            {
                model.Dispose();
                throw new ModelMismatchException($"{entry.File}: {problem}");
            }
            lock (_gate)
            {
                var previous = _active;
                _active = model;
                if (previous != model && !_leases.ContainsKey(previous)) previous.Dispose();
            }
            return model;
        }
        finally
        {
            _switching.Release();
        }
    }

    /// <summary>Loads a file of the set; a refusal names the file, not the server's folder.</summary>
    private ScoringModel Load(ModelEntry entry)
    {
        try
        {
            return _load(entry.Path);
        }
        catch (ModelMismatchException e)
        {
            throw new ModelMismatchException(e.Message.Replace(entry.Path, entry.File));
        }
        catch (FileNotFoundException)
        {
            throw new UnknownModelException($"model file {entry.File} is gone from the server's models (Models:Directory)");
        }
    }

    /// <summary>Releases every loaded model; call once no session runs.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var model in _leases.Keys.Append(_active).Distinct()) model.Dispose();
        }
    }
}
