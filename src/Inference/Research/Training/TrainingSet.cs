using EmoStream.Inference.Corpora;

namespace EmoStream.Inference.Training;

/// <summary>
/// The paper's protocol on one corpus: emotion labels from the labeled groups, speakers from labeled and unlabeled
/// groups (the test groups may be among the unlabeled ones, as session 5 is in the paper), metrics on the test groups.
/// Optional calibration groups are held out from the emotion loss (they may be unlabeled) and fit the temperature.
/// For several corpora, pass <see cref="CorpusCombination.Combine"/>'s corpus and the merged <see cref="FeatureInputs"/>.
/// </summary>
public sealed class TrainingSet : IDisposable
{
    private TrainingSet(IReadOnlyList<EncodedDialogue> train, IReadOnlyList<EncodedDialogue> test, IReadOnlyList<EncodedDialogue> calibration,
        IReadOnlyList<string> calibrationGroups, IReadOnlyList<string> speakers)
    {
        Train = train;
        Test = test;
        Calibration = calibration;
        CalibrationGroups = calibrationGroups;
        Speakers = speakers;
    }

    public IReadOnlyList<EncodedDialogue> Train { get; }
    public IReadOnlyList<EncodedDialogue> Test { get; }

    /// <summary>Labeled held-out dialogues the temperature is fitted on; empty when the model is not calibrated.</summary>
    public IReadOnlyList<EncodedDialogue> Calibration { get; }
    public IReadOnlyList<string> CalibrationGroups { get; }
    public IReadOnlyList<string> Speakers { get; }

    public static TrainingSet Build(Corpus corpus, FeatureInputs features, IReadOnlyCollection<string> labeled,
        IReadOnlyCollection<string> unlabeled, IReadOnlyCollection<string> test, IReadOnlyCollection<string>? calibration = null)
    {
        calibration ??= [];
        var known = corpus.Groups.ToHashSet(StringComparer.Ordinal);
        foreach (var g in labeled.Concat(unlabeled).Concat(test).Concat(calibration))
            if (!known.Contains(g))
                throw new CorpusFormatException(Path.Combine(corpus.Directory, CorpusManifest.FileName), null, "group",
                    $"no group '{g}' in the corpus (groups: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
        var overlap = labeled.Intersect(test).ToArray();
        if (overlap.Length > 0)
            throw new ArgumentException($"group(s) {string.Join(", ", overlap)} are both labeled and test: the test groups' labels must stay unseen");
        var leaked = calibration.Intersect(labeled.Concat(test)).ToArray();
        if (leaked.Length > 0)
            throw new ArgumentException($"calibration group(s) {string.Join(", ", leaked)} are also labeled or test: calibration needs held-out labels the figures do not use");
        if (labeled.Count == 0) throw new ArgumentException("at least one labeled group is needed");

        var trainDialogues = corpus.Dialogues.Where(d => labeled.Contains(d.Group) || unlabeled.Contains(d.Group)).ToArray();
        var speakers = trainDialogues.SelectMany(d => d.Utterances).Select(u => u.Speaker).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToArray();
        var speakerIndex = speakers.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        var classes = EmotionClasses.All;
        var train = trainDialogues.Select(d => DialogueEncoder.Encode(d, features, classes, speakerIndex, withLabels: labeled.Contains(d.Group))).ToArray();
        var test_ = corpus.Dialogues.Where(d => test.Contains(d.Group))
            .Select(d => DialogueEncoder.Encode(d, features, classes, speakerIndex, withLabels: true)).ToArray();
        var calibration_ = corpus.Dialogues.Where(d => calibration.Contains(d.Group))
            .Select(d => DialogueEncoder.Encode(d, features, classes, speakerIndex, withLabels: true)).ToArray();
        if (!train.Any(d => d.Emotion.ge(0).any().item<bool>()))
            throw new ArgumentException($"the labeled group(s) {string.Join(", ", labeled)} contain no utterance with one of the classes {string.Join(", ", classes)}");
        return new TrainingSet(train, test_, calibration_, calibration.Order(StringComparer.Ordinal).ToArray(), speakers);
    }

    public void Dispose()
    {
        foreach (var d in Train) d.Dispose();
        foreach (var d in Test) d.Dispose();
        foreach (var d in Calibration) d.Dispose();
    }
}
