using EmoStream.Inference.Corpora;
using EmoStream.Inference.Corpora.Importers;

namespace EmoStream.Inference.Tests.Corpora.Importers;

/// <summary>IEMOCAP's layout, on a tree the test writes with espeak-ng speech (the corpus itself needs a licence).</summary>
public sealed class IemocapImporterTests : ImportTestFolder
{
    private string Source => Path.Combine(Temp, "IEMOCAP_full_release");

    [Fact]
    public void Imports_dialogues_in_time_order_with_speakers_sessions_and_happy_plus_excited()
    {
        var impro = IemocapTree.WriteDialogue(Source, 1, "Ses01F_impro01",
        [
            ('F', "Excuse me, is this the line for the license?", "neu"),
            ('M', "Yes it is, and it is a long one.", "fru"),
            ('F', "Oh great, I am so excited to finally get it!", "exc"),
            ('M', "That is wonderful news.", "hap"),
        ]);
        var script = IemocapTree.WriteDialogue(Source, 2, "Ses02M_script01_1",
        [
            ('M', "I cannot believe you did that again.", "ang"),
            ('F', "I am so sorry, I really am.", "sad"),
            ('M', "Whatever.", "xxx"),
        ]);

        var summary = CorpusImport.Run(new IemocapImporter(), new ImportOptions { Source = Source, Output = Out });

        Assert.Equal(7, summary.Utterances);
        Assert.Equal(2, summary.Dialogues);
        Assert.Equal(2, summary.Groups);
        Assert.Equal(4, summary.Speakers);
        Assert.Equal(new Dictionary<string, int> { ["happy"] = 2, ["neutral"] = 1, ["angry"] = 1, ["sad"] = 1 }, summary.LabeledPerClass);
        Assert.Equal(2, summary.Unlabeled);
        Assert.Empty(summary.Issues);
        Assert.Contains(new SourceLabelCount("exc", "happy", 1), summary.SourceLabels);
        Assert.Contains(new SourceLabelCount("hap", "happy", 1), summary.SourceLabels);

        var corpus = Corpus.Load(Out);
        var first = corpus.Dialogues.Single(d => d.Id == "iemocap-Ses01F_impro01");
        Assert.Equal("iemocap-s1", first.Group);
        Assert.Equal(["iemocap-ses01-F", "iemocap-ses01-M", "iemocap-ses01-F", "iemocap-ses01-M"], first.Utterances.Select(u => u.Speaker));
        Assert.Equal(["neutral", null, "happy", "happy"], first.Utterances.Select(u => u.Label));
        Assert.Equal(impro.Select(t => t.Text), first.Utterances.Select(u => u.Text));
        Assert.Equal(impro.Select(t => (t.Start, t.End)), first.Utterances.Select(u => (u.Start!.Value, u.End!.Value)));
        Assert.All(first.Utterances, u => Assert.Equal("audio/Session1/dialog/wav/Ses01F_impro01.wav", u.Audio));
        var wav = new FileInfo(Path.Combine(Out, "audio/Session1/dialog/wav/Ses01F_impro01.wav"));
        Assert.True(wav.Exists && wav.LinkTarget is not null);
        // The joined espeak-ng speech really spans the turns the transcription gives.
        var seconds = double.Parse(IemocapTree.Run("soxi", "-D", wav.FullName), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(impro[^1].End, seconds, 2);
        var second = corpus.Dialogues.Single(d => d.Id == "iemocap-Ses02M_script01_1");
        Assert.Equal("iemocap-s2", second.Group);
        Assert.Equal(["angry", "sad", null], second.Utterances.Select(u => u.Label));
        Assert.Equal(script[1].Start, second.Utterances[1].Start);
    }

    [Fact]
    public void Reports_unusable_lines_by_file_and_line()
    {
        IemocapTree.WriteDialogue(Source, 1, "Ses01F_impro02", [('F', "Hello there.", "neu"), ('M', "Hi.", "sad")]);
        var transcription = Path.Combine(Source, "Session1", "dialog", "transcriptions", "Ses01F_impro02.txt");
        var evaluation = Path.Combine(Source, "Session1", "dialog", "EmoEvaluation", "Ses01F_impro02.txt");
        File.AppendAllLines(transcription, ["M: [LAUGHTER]", "Ses01F_impro02_F009 [009.0000-008.0000]: Backwards."]);
        File.AppendAllLines(evaluation, ["[1.0 - 2.0]\tSes01F_impro02_F007\tang\t[1, 1, 1]", "[garbled"]);
        File.Delete(Path.Combine(Source, "Session1", "dialog", "wav", "Ses01F_impro02.wav"));

        var summary = CorpusImport.Run(new IemocapImporter(), new ImportOptions { Source = Source, Output = Out });

        Assert.Equal(2, summary.Utterances);
        Assert.Equal(0, summary.WithAudio);
        Assert.Equal(
        [
            $"{evaluation}:12: line skipped: expected '[start - end]<TAB>TURN<TAB>emotion<TAB>[V, A, D]'",
            $"{transcription}: utterances kept without audio: audio file 'Session1/dialog/wav/Ses01F_impro02.wav' does not exist ({Path.Combine(Source, "Session1", "dialog", "wav", "Ses01F_impro02.wav")})",
            $"{transcription}:3: line skipped: expected 'SesNN[FM]_DIALOG_[FM]NNN [start-end]: text'",
            $"{transcription}:4: line skipped: end 8 is before start 9",
            $"{evaluation}:11: line skipped: turn 'Ses01F_impro02_F007' has no line in {transcription}",
        ], summary.Issues.Select(i => i.ToString()));
    }

    [Fact]
    public void Refuses_a_folder_without_sessions()
    {
        Directory.CreateDirectory(Source);

        var e = Assert.Throws<CorpusImportException>(() => CorpusImport.Run(new IemocapImporter(), new ImportOptions { Source = Source, Output = Out }));
        Assert.Contains("no IEMOCAP session here", e.Message);
    }
}
