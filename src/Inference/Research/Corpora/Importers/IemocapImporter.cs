using System.Globalization;
using System.Text.RegularExpressions;

namespace EmoStream.Inference.Corpora.Importers;

/// <summary>
/// IEMOCAP from its official release layout (for users who hold its licence): <c>SessionN/dialog/wav/DIALOG.wav</c>,
/// <c>SessionN/dialog/transcriptions/DIALOG.txt</c> (<c>TURN [start-end]: text</c>) and
/// <c>SessionN/dialog/EmoEvaluation/DIALOG.txt</c> (<c>[start - end] TURN emotion [V, A, D]</c>, then the
/// annotators' lines). A dialogue per DIALOG, ordered by start time; the speaker is the session's actor of the
/// turn's gender (<c>Ses01F_impro01_M003</c>: session 1, male); group = session; the audio is the dialogue's wav with
/// each utterance's start and end. Happy and excited are one class.
/// </summary>
public sealed partial class IemocapImporter : ICorpusImporter
{
    [GeneratedRegex(@"^\[(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\]\s+(\S+)\s+(\S+)")]
    private static partial Regex EvaluationLine();

    [GeneratedRegex(@"^(\S+)\s+\[(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\]:\s?(.*)$")]
    private static partial Regex TranscriptionLine();

    [GeneratedRegex(@"^Ses(\d\d)[FM]_.+_([FM])\d+$")]
    private static partial Regex TurnName();

    [GeneratedRegex(@"^Session(\d+)$")]
    private static partial Regex SessionFolder();

    public string Name => "iemocap";
    public string Description => "IEMOCAP official release: SessionN/dialog/{wav,transcriptions,EmoEvaluation}; group = session";

    public IReadOnlyList<ImportedUtterance> Read(ImportOptions options, ImportLog log, CancellationToken cancellationToken)
    {
        var sessions = Directory.EnumerateDirectories(options.Source)
            .Select(d => (Path: d, Match: SessionFolder().Match(Path.GetFileName(d))))
            .Where(s => s.Match.Success && Directory.Exists(Path.Combine(s.Path, "dialog")))
            .OrderBy(s => int.Parse(s.Match.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToArray();
        if (sessions.Length == 0)
            throw new CorpusImportException(options.Source, "no IEMOCAP session here (expected Session1 ... Session5, each with dialog/)");
        var rows = new List<TranscriptRow>();
        foreach (var (sessionPath, match) in sessions)
        {
            var group = $"iemocap-s{match.Groups[1].Value}";
            var dialog = Path.Combine(sessionPath, "dialog");
            var transcriptions = Path.Combine(dialog, "transcriptions");
            if (!Directory.Exists(transcriptions))
            {
                log.Add(transcriptions, null, "session skipped: no transcriptions folder");
                continue;
            }
            foreach (var transcript in Directory.EnumerateFiles(transcriptions, "*.txt").Order(StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var name = Path.GetFileNameWithoutExtension(transcript);
                var evaluation = Path.Combine(dialog, "EmoEvaluation", name + ".txt");
                var labels = File.Exists(evaluation) ? ReadEvaluation(evaluation, log) : [];
                if (!File.Exists(evaluation)) log.Add(evaluation, null, "no emotion evaluation for this dialogue: its utterances are unlabeled");
                var wav = Path.Combine(dialog, "wav", name + ".wav");
                var audio = SourceAudio.Resolve(options.Source, Path.GetRelativePath(options.Source, wav), log, transcript, null,
                    "utterances kept without audio");
                rows.AddRange(ReadTranscription(transcript, "iemocap-" + name, group, labels, audio, log));
            }
        }
        return DialogueAssembler.Assemble(rows, log);
    }

    private static Dictionary<string, (string Emotion, int Line)> ReadEvaluation(string path, ImportLog log)
    {
        var labels = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (!line.StartsWith('[')) continue;
            var m = EvaluationLine().Match(line);
            if (!m.Success)
            {
                log.Add(path, n, "line skipped: expected '[start - end]<TAB>TURN<TAB>emotion<TAB>[V, A, D]'");
                continue;
            }
            if (!labels.TryAdd(m.Groups[3].Value, (m.Groups[4].Value, n)))
                log.Add(path, n, $"line skipped: turn '{m.Groups[3].Value}' already evaluated on line {labels[m.Groups[3].Value].Item2}");
        }
        return labels;
    }

    private static IEnumerable<TranscriptRow> ReadTranscription(string path, string dialogue, string group,
        Dictionary<string, (string Emotion, int Line)> labels, (string Absolute, string Manifest)? audio, ImportLog log)
    {
        var n = 0;
        var transcribed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var m = TranscriptionLine().Match(line);
            var turn = m.Success ? TurnName().Match(m.Groups[1].Value) : Match.Empty;
            if (!m.Success || !turn.Success)
            {
                // The release has such lines for overlapping or unattributed speech (e.g. "M: [LAUGHTER]", "..._MXX0").
                log.Add(path, n, "line skipped: expected 'SesNN[FM]_DIALOG_[FM]NNN [start-end]: text'");
                continue;
            }
            var name = m.Groups[1].Value;
            transcribed.Add(name);
            var start = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            var end = double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            if (end < start)
            {
                log.Add(path, n, $"line skipped: end {end} is before start {start}");
                continue;
            }
            string? label = null;
            var raw = "";
            if (labels.TryGetValue(name, out var evaluated))
            {
                raw = evaluated.Emotion;
                label = EmotionLabelMap.Iemocap.Map(raw, log, EvaluationPath(path), evaluated.Line);
            }
            var speaker = $"iemocap-ses{turn.Groups[1].Value}-{turn.Groups[2].Value}";
            yield return new TranscriptRow(path, n, dialogue, start, speaker, group, label, raw, m.Groups[4].Value.Trim(),
                audio?.Manifest, audio?.Absolute, audio is null ? null : start, audio is null ? null : end);
        }
        foreach (var (name, (_, line)) in labels.Where(l => !transcribed.Contains(l.Key)).OrderBy(l => l.Value.Line))
            log.Add(EvaluationPath(path), line, $"line skipped: turn '{name}' has no line in {path}");
    }

    private static string EvaluationPath(string transcription) =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(transcription))!, "EmoEvaluation", Path.GetFileName(transcription));
}
