namespace EmoStream.Inference.Features;

/// <summary>Vectors of one modality for a corpus, keyed by utterance id; null marks a missing modality.</summary>
public sealed class FeatureSet(FeaturizerInfo info)
{
    private readonly Dictionary<string, float[]?> _vectors = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public FeaturizerInfo Info { get; } = info;
    public int Count => _order.Count;

    public IEnumerable<(string Id, float[]? Vector)> Entries => _order.Select(id => (id, _vectors[id]));

    public bool Contains(string id) => _vectors.ContainsKey(id);

    public bool TryGet(string id, out float[]? vector) => _vectors.TryGetValue(id, out vector);

    /// <summary>Adds or replaces one utterance's vector; checks its dimension.</summary>
    public void Add(string id, float[]? vector)
    {
        if (vector is not null && vector.Length != Info.Dimension)
            throw new ArgumentException($"vector for '{id}' has {vector.Length} values, expected {Info.Dimension} ({Info.Id})", nameof(vector));
        if (!_vectors.ContainsKey(id)) _order.Add(id);
        _vectors[id] = vector;
    }
}
