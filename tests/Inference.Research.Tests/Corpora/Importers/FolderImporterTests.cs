using EmoStream.Inference.Corpora;
using EmoStream.Inference.Corpora.Importers;

namespace EmoStream.Inference.Tests.Corpora.Importers;

/// <summary>A folder of espeak-ng recordings and a user's csv.</summary>
public sealed class FolderImporterTests : ImportTestFolder
{
    private string Source => Path.Combine(Temp, "clips");

    private void Speak(string relative, string text)
    {
        var path = Path.Combine(Source, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        IemocapTree.Run("espeak-ng", "-w", path, text);
    }

    [Fact]
    public void Imports_files_with_synonym_labels_defaults_and_dialogues()
    {
        Speak("alice/one.wav", "I am thrilled.");
        Speak("alice/two.wav", "This is fine.");
        Speak("bob/three.wav", "Go away.");
        Speak("bob/four.wav", "Sure.");
        Speak("call.wav", "Hello. How are you.");
        File.WriteAllLines(Path.Combine(Source, "labels.csv"),
        [
            "file,label,text,dialogue,turn,speaker,start,end",
            "alice/one.wav,joy,I am thrilled.,,,,,",
            "alice/two.wav,Calm,\"This is fine.\",,,,,",
            "bob/three.wav,anger,,,,,,",
            "bob/four.wav,fear,Sure.,,,,,",
            "call.wav,happy,How are you.,c1,1,B,0.9,1.8",
            "call.wav,neutral,Hello.,c1,0,A,0,0.8",
        ]);

        var summary = CorpusImport.Run(new FolderImporter(), new ImportOptions { Source = Source, Output = Out, Audio = AudioPlacement.Copy });

        Assert.Equal(6, summary.Utterances);
        Assert.Equal(5, summary.Dialogues);
        Assert.Equal(new Dictionary<string, int> { ["happy"] = 2, ["neutral"] = 2, ["angry"] = 1, ["sad"] = 0 }, summary.LabeledPerClass);
        Assert.Equal(1, summary.Unlabeled);
        Assert.Equal("unknown emotion 'fear' (expected one of happy, happiness, joy, joyful, excited, excitement, neutral, calm, angry, anger, mad, sad, sadness): kept unlabeled",
            Assert.Single(summary.Issues).Problem);

        var corpus = Corpus.Load(Out);
        var one = corpus.Utterances.Single(u => u.Audio == "audio/alice/one.wav");
        Assert.Equal(("alice-one", "alice", "alice", "happy", "I am thrilled."), (one.Dialogue, one.Speaker, one.Group, one.Label, one.Text));
        Assert.Null(corpus.Utterances.Single(u => u.Audio == "audio/bob/three.wav").Text);
        var call = corpus.Dialogues.Single(d => d.Id == "c1");
        Assert.Equal([("A", "Hello.", 0.0, 0.8), ("B", "How are you.", 0.9, 1.8)],
            call.Utterances.Select(u => (u.Speaker, u.Text!, u.Start!.Value, u.End!.Value)));
        Assert.Equal("c1", call.Group);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Source, "call.wav")), File.ReadAllBytes(Path.Combine(Out, "audio", "call.wav")));
    }

    [Fact]
    public void Names_file_and_line_of_malformed_and_unusable_rows()
    {
        Speak("a.wav", "One.");
        var csv = Path.Combine(Temp, "my labels.csv");
        File.WriteAllLines(csv,
        [
            "file,label,turn,mood",
            "a.wav,sad,0,x",
            "missing.wav,sad,0,x",
            "../a.wav,sad,0,x",
            "a.wav,sad,zero",
            "a.wav,sad,\"2\"x,x",
            "a.wav,happy,-1,x",
            ",sad,0,x",
        ]);

        var summary = CorpusImport.Run(new FolderImporter(), new ImportOptions { Source = Source, Output = Out, Csv = csv });

        Assert.Equal(1, summary.Utterances);
        Assert.Equal(
        [
            $"{csv}:5: malformed row skipped: expected 4 fields, got 3",
            $"{csv}:6: malformed row skipped: text after the closing quote of field 3",
            $"{csv}:1: column 'mood' ignored (known: file, label, speaker, group, dialogue, turn, text, start, end)",
            $"{csv}:3: row skipped: audio file 'missing.wav' does not exist ({Path.Combine(Source, "missing.wav")})",
            $"{csv}:4: row skipped: audio path '../a.wav' is outside the source folder {Source}",
            $"{csv}:7: row skipped: file 'a.wav' already listed on line 2",
            $"{csv}:8: row skipped: no audio file named",
        ], summary.Issues.Select(i => i.ToString()));
    }
}
