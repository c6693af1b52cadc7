using EmoStream.Testing;
using System.Text;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Corpora.Importers;

namespace EmoStream.Inference.Tests.Corpora.Importers;

/// <summary>MELD and EmoryNLP from ../shared/data/meld, and malformed copies of their csv files.</summary>
public sealed class TranscriptImporterTests : ImportTestFolder
{
    [SkippableFact]
    public void Imports_meld_dialogues_in_order_grouped_by_season()
    {
        SharedData.SkipIfAbsent();

        var summary = CorpusImport.Run(new MeldImporter(), new ImportOptions { Source = SharedData.Path("meld"), Output = Out });

        Assert.Equal(9989 + 1109, summary.Utterances);
        Assert.Equal(1152, summary.Dialogues);
        Assert.Equal(9, summary.Groups);
        Assert.Equal(274, summary.Speakers);
        Assert.Equal(new Dictionary<string, int> { ["happy"] = 1743 + 163, ["neutral"] = 4710 + 470, ["angry"] = 1109 + 153, ["sad"] = 683 + 111 }, summary.LabeledPerClass);
        Assert.Equal(1205 + 271 + 268 + 150 + 40 + 22, summary.Unlabeled);
        Assert.Equal(0, summary.WithAudio);
        Assert.Empty(summary.Issues);
        Assert.Contains(new SourceLabelCount("joy", "happy", 1906), summary.SourceLabels);
        Assert.Contains(new SourceLabelCount("surprise", null, 1355), summary.SourceLabels);

        var corpus = Corpus.Load(Out);
        var first = corpus.Dialogues.Single(d => d.Id == "meld-dev-d0000");
        Assert.Equal("meld-s04", first.Group);
        Assert.Equal(
            [("meld-Phoebe", "sad", "Oh my God, he’s lost it. He’s totally lost it."), ("meld-Monica", null, "What?")],
            first.Utterances.Select(u => (u.Speaker, u.Label, u.Text)));
        Assert.Equal([0, 1], first.Utterances.Select(u => u.Turn));
        Assert.Equal("meld-train-d0000-t000", corpus.Dialogues.Single(d => d.Id == "meld-train-d0000").Utterances[0].Id);
    }

    [SkippableFact]
    public void Imports_emorynlp_scenes_as_dialogues_grouped_by_season()
    {
        SharedData.SkipIfAbsent();

        var summary = CorpusImport.Run(new EmoryNlpImporter(), new ImportOptions { Source = SharedData.Path("meld"), Output = Out });

        Assert.Equal(7551 + 954, summary.Utterances);
        Assert.Equal(748, summary.Dialogues);
        Assert.Equal(4, summary.Groups);
        Assert.Equal(new Dictionary<string, int> { ["happy"] = 1677 + 205, ["neutral"] = 2485 + 322, ["angry"] = 785 + 97, ["sad"] = 474 + 51 }, summary.LabeledPerClass);
        Assert.Equal(941 + 638 + 551 + 127 + 82 + 70, summary.Unlabeled);
        Assert.Empty(summary.Issues);

        var corpus = Corpus.Load(Out);
        var scene = corpus.Dialogues.Single(d => d.Id == "emorynlp-dev-s01e15c01");
        Assert.Equal("emorynlp-s01", scene.Group);
        Assert.Equal(
            [("emorynlp-Rachel Green", "neutral", "Coffee."), ("emorynlp-Joey Tribbiani", "neutral", "Thank you."), ("emorynlp-Rachel Green", "neutral", "Cappuccino.")],
            scene.Utterances.Take(3).Select(u => (u.Speaker, u.Label, u.Text)));
        Assert.Contains(corpus.Utterances, u => u.Speaker == "emorynlp-Phoebe's Assistant");
        Assert.Contains(corpus.Utterances, u => u.Speaker == "emorynlp-Monica Geller & Phoebe Buffay");
    }

    [Theory]
    [InlineData("['Monica Geller', 'Phoebe Buffay']", "Monica Geller|Phoebe Buffay")]
    [InlineData("[\"Phoebe's Assistant\"]", "Phoebe's Assistant")]
    [InlineData("[]", "")]
    [InlineData("Ross", "Ross")]
    public void Parses_emorynlp_speaker_lists(string field, string expected) =>
        Assert.Equal(expected, string.Join("|", EmoryNlpImporter.ParseSpeakers(field)));

    [Fact]
    public void Reports_malformed_meld_rows_and_reorders_utterances_by_id()
    {
        var source = Path.Combine(Temp, "meld");
        Directory.CreateDirectory(source);
        var csv = Path.Combine(source, "train_sent_emo.csv");
        var text = string.Join("\r\n",
            "Sr No.,Utterance,Speaker,Emotion,Sentiment,Dialogue_ID,Utterance_ID,Season,Episode,StartTime,EndTime",
            "1,\"Second, in order\",Ross,anger,negative,3,1,2,5,\"00:00:01,000\",\"00:00:02,000\"",
            "2,\"First line,\nover two lines\",Rachel,joy,positive,3,0,2,5,\"00:00:00,000\",\"00:00:01,000\"",
            "3,Broken \"quote,Joey,neutral,neutral,3,2,2,5,a,b",
            "4,No dialogue,Joey,neutral,neutral,x,3,2,5,a,b",
            "5,Repeat,Joey,neutral,neutral,3,1,2,5,a,b",
            "6,Odd season,Monica,happy,positive,3,4,7,5,a,b",
            "7,Dont\u0092 worry,Chandler,sadness,negative,3,5,2,5,a,b",
            "");
        File.WriteAllBytes(csv, Encoding.UTF8.GetBytes(text));

        var summary = CorpusImport.Run(new MeldImporter(), new ImportOptions { Source = source, Output = Out });

        var dialogue = Assert.Single(Corpus.Load(Out).Dialogues);
        Assert.Equal(["First line,\nover two lines", "Second, in order", "Odd season", "Dont’ worry"], dialogue.Utterances.Select(u => u.Text));
        Assert.Equal(["happy", "angry", null, "sad"], dialogue.Utterances.Select(u => u.Label));
        Assert.Equal("meld-s02", dialogue.Group);
        Assert.Equal(
        [
            $"{csv}: 1 character(s) were not UTF-8 and were read as Windows-1252",
            $"{csv}:5: malformed row skipped: a quote inside unquoted field 2",
            $"{csv}:6: row skipped: Dialogue_ID 'x' is not a non-negative integer",
            $"{csv}:8: unknown emotion 'happy' (expected one of neutral, joy, anger, sadness, surprise, fear, disgust): kept unlabeled",
            $"{csv}:7: row skipped: dialogue 'meld-train-d0003' already has this utterance position (line 2)",
            $"{csv}:8: group 'meld-s07' differs from its dialogue's group 'meld-s02': kept in 'meld-s02'",
        ], summary.Issues.Select(i => i.ToString()));
    }
}
