namespace EmoStream.Inference.Corpora;

/// <summary>A corpus folder: its manifest, grouped into dialogues ordered by turn.</summary>
public sealed class Corpus
{
    private Corpus(string directory, IReadOnlyList<CorpusUtterance> utterances)
    {
        Directory = directory;
        Utterances = utterances;
        Dialogues = utterances
            .GroupBy(u => u.Dialogue, StringComparer.Ordinal)
            .Select(g => new CorpusDialogue(g.Key, g.First().Group, g.OrderBy(u => u.Turn).ToArray()))
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToArray();
        foreach (var d in Dialogues)
        {
            var mixed = d.Utterances.FirstOrDefault(u => u.Group != d.Group);
            if (mixed is not null)
                throw new CorpusFormatException(Path.Combine(directory, CorpusManifest.FileName), null, "group",
                    $"dialogue '{d.Id}' spans groups '{d.Group}' and '{mixed.Group}' (utterance '{mixed.Id}'); a dialogue belongs to one group");
        }
    }

    public string Directory { get; }
    public IReadOnlyList<CorpusUtterance> Utterances { get; }
    public IReadOnlyList<CorpusDialogue> Dialogues { get; }
    public IEnumerable<string> Groups => Dialogues.Select(d => d.Group).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    public static Corpus Load(string directory) => new(directory, CorpusManifest.Read(directory));

    public static Corpus FromUtterances(string directory, IReadOnlyList<CorpusUtterance> utterances) => new(directory, utterances);
}

public sealed record CorpusDialogue(string Id, string Group, IReadOnlyList<CorpusUtterance> Utterances);
