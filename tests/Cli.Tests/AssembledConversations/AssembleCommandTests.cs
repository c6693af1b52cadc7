using EmoStream.Dashboard.Cli;
using EmoStream.Cli.Tests.Support;
using EmoStream.Sessions.Tests.Support;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Features;

namespace EmoStream.Cli.Tests.AssembledConversations;

/// <summary>`emostream assemble`: conversations from a clip corpus, cut by the live capture path, written as a corpus.</summary>
public sealed class AssembleCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-assemble-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("--stereo")]
    [InlineData("--mono")]
    public async Task Assembled_utterances_are_labeled_by_their_turn_and_paired_with_their_own_text(string layout)
    {
        var source = EspeakClipCorpus.Write(Path.Combine(_dir, "clips"));
        var output = Path.Combine(_dir, "conversations");

        var run = await CliRunner.RunAsync("assemble", "--corpus", source.Directory, "--groups", "voice-*", "--out", output,
            "--conversations", "2", "--turns", "6", layout, "--text", "corpus", "--seed", "3");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Stderr);
        var corpus = Corpus.Load(output);
        Assert.Equal(2, corpus.Dialogues.Count);
        Assert.All(corpus.Dialogues, d => Assert.Equal(2, d.Utterances.Select(u => u.Speaker).Distinct().Count()));
        var clips = source.Utterances.ToDictionary(u => (u.Speaker, u.Text!), u => u.Label);
        var labeled = corpus.Utterances.Where(u => u.Label is not null).ToArray();
        // espeak-ng speech is clean: nearly every turn comes out as one utterance.
        Assert.InRange(labeled.Length, 10, 12);
        foreach (var u in corpus.Utterances.Where(u => u.Text is not null))
        {
            // The text is the clip's own sentence, said by that speaker, with that clip's label: never another utterance's.
            Assert.True(clips.TryGetValue((u.Speaker, u.Text!), out var label), $"{u.Id}: '{u.Text}' is not a sentence {u.Speaker} said");
            Assert.Equal(label, u.Label);
        }
        Assert.All(corpus.Utterances, u =>
        {
            Assert.True(File.Exists(Path.Combine(output, u.Audio!)), u.Audio);
            Assert.True(u.End > u.Start);
        });

        // Both modalities present on the same utterances: what AT-Fusion needs to learn.
        var featurize = await CliRunner.RunAsync("featurize", "--corpus", output, "--set", "compact", "--modalities", "audio,text", "--threads", "1");
        Assert.True(featurize.ExitCode == ExitCodes.Ok, featurize.Stderr);
        var store = new FeatureStore(output);
        var acoustic = store.Find(Modality.Acoustic)!.Entries.ToDictionary(e => e.Id, e => e.Vector);
        var lexical = store.Find(Modality.Lexical)!.Entries.ToDictionary(e => e.Id, e => e.Vector);
        Assert.True(labeled.Count(u => acoustic[u.Id] is not null && lexical[u.Id] is not null) >= 10);
    }

    [Fact]
    public async Task Asr_text_without_a_transcriber_is_refused_with_the_reason()
    {
        var source = EspeakClipCorpus.Write(Path.Combine(_dir, "clips"));
        var run = await CliRunner.RunAsync(new Dictionary<string, string?> { ["Transcription:Engine"] = "none" },
            "assemble", "--corpus", source.Directory, "--groups", "voice-*", "--out", Path.Combine(_dir, "out"), "--text", "asr");
        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Contains("--text asr needs a transcriber", run.Stderr);
    }

    [Fact]
    public async Task Unknown_groups_are_named()
    {
        var source = EspeakClipCorpus.Write(Path.Combine(_dir, "clips"));
        var run = await CliRunner.RunAsync("assemble", "--corpus", source.Directory, "--groups", "voice-a,nobody", "--out", Path.Combine(_dir, "out"));
        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Contains("nobody", run.Stderr);
    }
}
