namespace EmoStream.Inference.Corpora.Importers;

/// <summary>
/// Turns transcript rows into dialogues: dialogues in the order they first appear, utterances ordered within each,
/// turns numbered 0, 1, ... and ids <c>DIALOGUE-tNNN</c>. A row that repeats a dialogue's position is reported and
/// skipped; a row whose group differs from its dialogue's is reported and kept in the dialogue's group.
/// </summary>
public static class DialogueAssembler
{
    public static IReadOnlyList<ImportedUtterance> Assemble(IEnumerable<TranscriptRow> rows, ImportLog log)
    {
        var result = new List<ImportedUtterance>();
        foreach (var dialogue in rows.GroupBy(r => r.Dialogue, StringComparer.Ordinal))
        {
            var group = dialogue.First().Group;
            var turn = 0;
            var previous = (TranscriptRow?)null;
            foreach (var row in dialogue.OrderBy(r => r.Order))
            {
                if (previous is not null && previous.Order == row.Order)
                {
                    log.Add(row.File, row.Line, $"row skipped: dialogue '{row.Dialogue}' already has this utterance position (line {previous.Line})");
                    continue;
                }
                if (row.Group != group)
                    log.Add(row.File, row.Line, $"group '{row.Group}' differs from its dialogue's group '{group}': kept in '{group}'");
                var id = $"{row.Dialogue}-t{turn:D3}";
                result.Add(new ImportedUtterance(
                    new CorpusUtterance(id, row.Dialogue, turn, row.Speaker, group, row.Label,
                        string.IsNullOrWhiteSpace(row.Text) ? null : row.Text, row.Audio, row.Start, row.End),
                    row.RawLabel, row.AudioSource));
                previous = row;
                turn++;
            }
        }
        return result;
    }
}
