namespace EmoStream.Inference.Corpora.Importers;

/// <summary>
/// Runs an importer: reads the source, checks the result is a valid corpus (one group per dialogue, unique ids and
/// turns), places the audio under the output folder (linked or copied), writes <c>manifest.jsonl</c>, reads it back
/// as the corpus loader will, and sums up what was written.
/// </summary>
public static class CorpusImport
{
    public const string AudioFolder = "audio";

    public static ImportSummary Run(ICorpusImporter importer, ImportOptions options, IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(options.Source)) throw new CorpusImportException(options.Source, "source folder does not exist");
        var log = new ImportLog();
        progress?.Report(new ImportProgress("reading", 0, 1));
        var imported = importer.Read(options, log, cancellationToken);
        if (imported.Count == 0)
            throw new CorpusImportException(options.Source, $"no {importer.Name} utterances found ({log.Issues.Count} row(s) skipped)");
        var utterances = imported.Select(i => i.Utterance).ToArray();
        // Throws on a dialogue that spans groups: a bug in an importer, not in the user's data.
        Corpus.FromUtterances(options.Output, utterances);

        Directory.CreateDirectory(options.Output);
        PlaceAudio(imported, options, progress, cancellationToken);
        progress?.Report(new ImportProgress("writing", 0, 1));
        CorpusManifest.Write(options.Output, utterances);
        var corpus = Corpus.Load(options.Output);
        progress?.Report(new ImportProgress("writing", 1, 1));
        return Summarize(importer.Name, options.Output, corpus, imported, log);
    }

    private static void PlaceAudio(IReadOnlyList<ImportedUtterance> imported, ImportOptions options,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var files = imported.Where(i => i.AudioSource is not null && i.Utterance.Audio is not null)
            .Select(i => (Source: Path.GetFullPath(i.AudioSource!), Target: Path.Combine(options.Output, i.Utterance.Audio!)))
            .DistinctBy(f => f.Target, StringComparer.Ordinal)
            .ToArray();
        for (var n = 0; n < files.Length; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (source, target) = files[n];
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target) || new FileInfo(target).LinkTarget is not null) File.Delete(target);
            if (options.Audio == AudioPlacement.Copy) File.Copy(source, target);
            else File.CreateSymbolicLink(target, source);
            progress?.Report(new ImportProgress("placing audio", n + 1, files.Length));
        }
    }

    private static ImportSummary Summarize(string importer, string output, Corpus corpus, IReadOnlyList<ImportedUtterance> imported, ImportLog log)
    {
        var perClass = EmotionClasses.All.ToDictionary(c => c, c => corpus.Utterances.Count(u => u.Label == c));
        var sourceLabels = imported
            .GroupBy(i => (i.RawLabel ?? "", i.Utterance.Label))
            .Select(g => new SourceLabelCount(g.Key.Item1, g.Key.Label, g.Count()))
            .OrderBy(x => x.Class is null ? 1 : 0).ThenBy(x => x.Class, StringComparer.Ordinal).ThenBy(x => x.SourceLabel, StringComparer.Ordinal)
            .ToArray();
        return new ImportSummary(
            importer,
            output,
            corpus.Utterances.Count,
            corpus.Dialogues.Count,
            corpus.Groups.Count(),
            corpus.Utterances.Select(u => u.Speaker).Distinct(StringComparer.Ordinal).Count(),
            perClass,
            corpus.Utterances.Count(u => u.Label is null),
            corpus.Utterances.Count(u => !string.IsNullOrWhiteSpace(u.Text)),
            corpus.Utterances.Count(u => u.Audio is not null),
            sourceLabels,
            log.Issues);
    }
}
