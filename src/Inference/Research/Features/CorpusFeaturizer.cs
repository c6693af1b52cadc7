using System.Collections.Concurrent;
using System.Diagnostics;
using EmoStream.Inference.Corpora;

namespace EmoStream.Inference.Features;

/// <summary>
/// Computes and stores a corpus's features (features/*.emsf). Utterances already stored by the same featurizer and
/// settings are skipped; an utterance that fails is reported and left out, so the next pass retries it. Audio files
/// are decoded once each, in parallel, and cut by each utterance's start and end.
/// </summary>
/// <param name="readAudio">Decodes a file to 16 kHz mono samples; throws with a message naming the file on bad input.</param>
public sealed class CorpusFeaturizer(Func<string, CancellationToken, float[]> readAudio)
{
    public const int SampleRate = 16_000;

    /// <summary>Stored progress is saved at least this often, so an interrupted pass keeps most of its work.</summary>
    private const int SaveEvery = 500;

    public FeaturizeSummary Acoustic(Corpus corpus, IAcousticFeaturizer featurizer, int parallelism,
        IProgress<FeaturizeProgress>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var store = new FeatureStore(corpus.Directory);
        var set = Existing(store, featurizer.Info);
        var todo = corpus.Utterances.Where(u => !set.Contains(u.Id)).ToArray();
        var skipped = corpus.Utterances.Count - todo.Length;
        var failures = new ConcurrentBag<FeaturizeFailure>();
        var missing = 0;
        var handled = skipped;
        var gate = new Lock();
        foreach (var u in todo.Where(u => u.Audio is null))
        {
            set.Add(u.Id, null);
            missing++;
            handled++;
        }
        progress?.Report(new FeaturizeProgress(Modality.Acoustic, handled, corpus.Utterances.Count));

        var byFile = todo.Where(u => u.Audio is not null).GroupBy(u => u.Audio!, StringComparer.Ordinal).ToArray();
        var sinceSave = 0;
        Parallel.ForEach(byFile, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = ct }, file =>
        {
            var results = new List<(string Id, float[]? Vector)>();
            float[]? samples = null;
            try
            {
                samples = readAudio(Path.Combine(corpus.Directory, file.Key), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                foreach (var u in file) failures.Add(new FeaturizeFailure(u.Id, e.Message));
            }
            if (samples is not null)
                foreach (var u in file)
                {
                    var segment = Cut(samples, u, file.Key, out var problem);
                    if (problem is not null) { failures.Add(new FeaturizeFailure(u.Id, problem)); continue; }
                    results.Add((u.Id, featurizer.Extract(segment)));
                }
            lock (gate)
            {
                foreach (var (id, vector) in results) set.Add(id, vector);
                handled += file.Count();
                sinceSave += results.Count;
                if (sinceSave >= SaveEvery) { store.Save(set); sinceSave = 0; }
                progress?.Report(new FeaturizeProgress(Modality.Acoustic, handled, corpus.Utterances.Count));
            }
        });
        store.Save(set);
        return new FeaturizeSummary(Modality.Acoustic, featurizer.Info.Id, todo.Length - missing - failures.Count, skipped, missing,
            failures.OrderBy(f => f.UtteranceId, StringComparer.Ordinal).ToArray(), clock.Elapsed);
    }

    /// <summary>Utterances handed to <see cref="ILexicalFeaturizer.ExtractBatch"/> at once; progress is reported after each.</summary>
    public const int LexicalChunk = 256;

    /// <summary>
    /// Computes the lexical vectors of the utterances not yet stored, <see cref="LexicalChunk"/> at a time through
    /// <see cref="ILexicalFeaturizer.ExtractBatch"/> (a sentence encoder runs them in batches), up to
    /// <paramref name="parallelism"/> chunks at once; saves at least every <see cref="SaveEvery"/> vectors.
    /// </summary>
    public static FeaturizeSummary Lexical(Corpus corpus, ILexicalFeaturizer featurizer, IProgress<FeaturizeProgress>? progress = null,
        CancellationToken ct = default, int parallelism = 1)
    {
        var clock = Stopwatch.StartNew();
        var store = new FeatureStore(corpus.Directory);
        var set = Existing(store, featurizer.Info);
        var todo = corpus.Utterances.Where(u => !set.Contains(u.Id)).ToArray();
        int missing = 0, handled = corpus.Utterances.Count - todo.Length, sinceSave = 0;
        var gate = new Lock();
        progress?.Report(new FeaturizeProgress(Modality.Lexical, handled, corpus.Utterances.Count));
        var chunks = todo.Chunk(LexicalChunk).ToArray();
        Parallel.ForEach(chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = ct }, chunk =>
        {
            var vectors = featurizer.ExtractBatch(chunk.Select(u => u.Text).ToArray(), ct);
            lock (gate)
            {
                for (var i = 0; i < chunk.Length; i++)
                {
                    if (vectors[i] is null) missing++;
                    set.Add(chunk[i].Id, vectors[i]);
                }
                handled += chunk.Length;
                sinceSave += chunk.Length;
                if (sinceSave >= SaveEvery) { store.Save(set); sinceSave = 0; }
                progress?.Report(new FeaturizeProgress(Modality.Lexical, handled, corpus.Utterances.Count));
            }
        });
        store.Save(set);
        return new FeaturizeSummary(Modality.Lexical, featurizer.Info.Id, todo.Length - missing, corpus.Utterances.Count - todo.Length,
            missing, [], clock.Elapsed);
    }

    /// <summary>The stored set of this featurizer when it was made with the same settings; otherwise a fresh one.</summary>
    private static FeatureSet Existing(FeatureStore store, FeaturizerInfo info)
    {
        var path = store.PathFor(info);
        if (File.Exists(path))
        {
            var stored = FeatureFile.Read(path);
            if (stored.Info.SameAs(info)) return stored;
        }
        return new FeatureSet(info);
    }

    private static ReadOnlySpan<float> Cut(float[] samples, CorpusUtterance u, string file, out string? problem)
    {
        problem = null;
        if (u.Start is null && u.End is null) return samples;
        var from = (int)Math.Round((u.Start ?? 0) * SampleRate);
        var to = u.End is null ? samples.Length : (int)Math.Round(u.End.Value * SampleRate);
        var duration = samples.Length / (double)SampleRate;
        if (from >= samples.Length || to > samples.Length + SampleRate / 100)
        {
            problem = $"{file}: utterance {u.Start:F2}-{u.End:F2}s lies beyond the audio's {duration:F2}s";
            return default;
        }
        to = Math.Min(to, samples.Length);
        return samples.AsSpan(from, to - from);
    }
}
