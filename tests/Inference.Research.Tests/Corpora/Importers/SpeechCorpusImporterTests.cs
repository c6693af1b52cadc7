using EmoStream.Testing;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Corpora.Importers;

namespace EmoStream.Inference.Tests.Corpora.Importers;

/// <summary>RAVDESS and EmoDB from ../shared/data.</summary>
public sealed class SpeechCorpusImporterTests : ImportTestFolder
{
    [SkippableFact]
    public void Imports_ravdess_one_clip_per_dialogue_grouped_by_actor_with_calm_as_neutral()
    {
        SharedData.SkipIfAbsent();

        var summary = CorpusImport.Run(new RavdessImporter(), new ImportOptions { Source = SharedData.Path("ravdess"), Output = Out });

        Assert.Equal(720, summary.Utterances);
        Assert.Equal(720, summary.Dialogues);
        Assert.Equal(20, summary.Groups);
        Assert.Equal(20, summary.Speakers);
        Assert.Equal(new Dictionary<string, int> { ["happy"] = 160, ["neutral"] = 240, ["angry"] = 160, ["sad"] = 160 }, summary.LabeledPerClass);
        Assert.Equal(0, summary.Unlabeled);
        Assert.Equal(720, summary.WithAudio);
        Assert.Empty(summary.Issues);
        Assert.Contains(new SourceLabelCount("calm", "neutral", 160), summary.SourceLabels);

        var corpus = Corpus.Load(Out);
        var clip = corpus.Utterances.Single(u => u.Id == "ravdess-03-01-02-01-02-01-05");
        Assert.Equal(new CorpusUtterance("ravdess-03-01-02-01-02-01-05", "ravdess-03-01-02-01-02-01-05", 0, "ravdess-actor05", "ravdess-actor05",
            "neutral", "Dogs are sitting by the door", "audio/Actor_05/03-01-02-01-02-01-05.wav", null, null), clip);
        var link = new FileInfo(Path.Combine(Out, clip.Audio!));
        Assert.Equal(SharedData.Path("ravdess", "Actor_05", "03-01-02-01-02-01-05.wav"), link.LinkTarget);
        Assert.Equal(new FileInfo(link.LinkTarget!).Length, File.ReadAllBytes(link.FullName).Length);
    }

    [SkippableFact]
    public void Imports_emodb_grouped_by_speaker_without_german_text()
    {
        SharedData.SkipIfAbsent();

        var summary = CorpusImport.Run(new EmoDbImporter(), new ImportOptions { Source = SharedData.Path("emodb"), Output = Out, Audio = AudioPlacement.Copy });

        Assert.Equal(266, summary.Utterances);
        Assert.Equal(8, summary.Groups);
        Assert.Equal(new Dictionary<string, int> { ["happy"] = 54, ["neutral"] = 63, ["angry"] = 100, ["sad"] = 49 }, summary.LabeledPerClass);
        Assert.Equal(0, summary.WithText);
        Assert.Empty(summary.Issues);
        var corpus = Corpus.Load(Out);
        Assert.Equal(["emodb-03", "emodb-08", "emodb-09", "emodb-10", "emodb-11", "emodb-12", "emodb-13", "emodb-14"], corpus.Groups);
        var clip = corpus.Utterances.Single(u => u.Id == "emodb-03a01Fa");
        Assert.Equal(("happy", "emodb-03", "audio/wav/03a01Fa.wav"), (clip.Label, clip.Speaker, clip.Audio));
        var copied = new FileInfo(Path.Combine(Out, clip.Audio!));
        Assert.Null(copied.LinkTarget);
        Assert.Equal(File.ReadAllBytes(SharedData.Path("emodb", "wav", "03a01Fa.wav")), File.ReadAllBytes(copied.FullName));
    }

    [SkippableFact]
    public void Reports_odd_ravdess_rows_by_file_and_line_and_imports_the_rest()
    {
        SharedData.SkipIfAbsent();
        var source = Path.Combine(Temp, "ravdess");
        Directory.CreateDirectory(Path.Combine(source, "Actor_01"));
        foreach (var name in new[] { "03-01-01-01-01-01-01.wav", "03-01-05-01-01-01-01.wav" })
            File.Copy(SharedData.Path("ravdess", "Actor_01", name), Path.Combine(source, "Actor_01", name));
        var labels = Path.Combine(source, "labels.csv");
        File.WriteAllLines(labels,
        [
            "file,actor,gender,emotion,intensity,statement,repetition",
            "Actor_01/03-01-01-01-01-01-01.wav,01,M,neutral,normal,01,01",
            "Actor_01/03-01-05-01-01-01-01.wav,01,M,furious,normal,01,01",
            "Actor_01/missing.wav,01,M,sad,normal,01,01",
            "Actor_01/03-01-01-01-01-01-01.wav,01,M,neutral,normal,01,01",
            "Actor_01/x.wav,zz,M,sad,normal,01,01",
            "Actor_01/y.wav,01,M",
        ]);

        var summary = CorpusImport.Run(new RavdessImporter(), new ImportOptions { Source = source, Output = Out });

        Assert.Equal(2, summary.Utterances);
        Assert.Equal(1, summary.Unlabeled);
        Assert.Equal(
        [
            $"{labels}:7: malformed row skipped: expected 7 fields, got 3",
            $"{labels}:3: unknown emotion 'furious' (expected one of neutral, calm, happy, sad, angry, fearful, disgust, surprised): kept unlabeled",
            $"{labels}:4: row skipped: audio file 'Actor_01/missing.wav' does not exist ({Path.Combine(source, "Actor_01", "missing.wav")})",
            $"{labels}:5: row skipped: clip 'Actor_01/03-01-01-01-01-01-01.wav' already listed on line 2",
            $"{labels}:6: row skipped: actor 'zz' is not a positive number",
        ], summary.Issues.Select(i => i.ToString()));
    }

    [Fact]
    public void Refuses_a_source_that_is_not_there()
    {
        var missing = Path.Combine(Temp, "nope");

        var e = Assert.Throws<CorpusImportException>(() => CorpusImport.Run(new EmoDbImporter(), new ImportOptions { Source = missing, Output = Out }));
        Assert.Equal(missing, e.Path);
    }
}
