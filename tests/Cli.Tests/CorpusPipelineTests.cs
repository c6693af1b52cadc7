using EmoStream.Sessions.Tests.Support;
using System.Text.Json;
using EmoStream.Dashboard.Cli;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Features;
using EmoStream.Testing;

namespace EmoStream.Cli.Tests;

/// <summary>Real speech through the verbs a researcher chains: import, featurize, train, evaluate.</summary>
[Collection(LibTorchGenerator.Name)]
public sealed class CorpusPipelineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-pipeline-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SkippableFact]
    public async Task EmoDB_imports_featurizes_once_trains_and_evaluates()
    {
        SharedData.SkipIfAbsent();
        var corpus = Path.Combine(_dir, "emodb");
        Assert.Equal(ExitCodes.Ok, (await CliRunner.RunAsync("import", "emodb", "--source", SharedData.Path("emodb"), "--out", corpus)).ExitCode);

        var first = await CliRunner.RunAsync("featurize", "--corpus", corpus, "--set", "compact", "--modalities", "audio");
        var second = await CliRunner.RunAsync("featurize", "--corpus", corpus, "--set", "compact", "--modalities", "audio");

        Assert.True(first.ExitCode == ExitCodes.Ok, first.Stderr);
        Assert.Matches(@"acoustic\s+│\s+acoustic/compact@1\s+│\s+266\s+│\s+0\s+│\s+0\s+│\s+0", first.Stdout);
        Assert.Matches(@"acoustic\s+│\s+acoustic/compact@1\s+│\s+0\s+│\s+266\s+│", second.Stdout);
        var stored = new FeatureStore(corpus).Find(Modality.Acoustic)!;
        Assert.Equal(266, stored.Count);
        Assert.All(stored.Entries, e => Assert.True(e.Vector is not null && e.Vector.All(float.IsFinite)));

        // Six speakers labeled, two never seen: the paper's protocol with speakers as groups.
        var model = Path.Combine(_dir, "emodb.emsm");
        var json = Path.Combine(_dir, "train.json");
        var train = await CliRunner.RunAsync("train", "--corpus", corpus, "--labeled", "emodb-03,emodb-08,emodb-09,emodb-10,emodb-11,emodb-12",
            "--unlabeled", "emodb-13,emodb-14", "--test", "emodb-13,emodb-14", "--modalities", "audio", "--epochs", "5", "--out", model, "--json", json);
        Assert.True(train.ExitCode == ExitCodes.Ok, train.Stderr);
        var wa = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("wa").GetDouble();
        Assert.InRange(wa, 0, 1);

        var evaluate = await CliRunner.RunAsync("evaluate", "--model", model, "--corpus", corpus, "--groups", "emodb-13,emodb-14");
        Assert.True(evaluate.ExitCode == ExitCodes.Ok, evaluate.Stderr);
        Assert.Contains(Corpus.Load(corpus).Utterances.Count(u => u.Group is "emodb-13" or "emodb-14").ToString(), evaluate.Stdout);
    }

    [Fact]
    public async Task Featurize_reports_an_unreadable_file_by_utterance_keeps_the_rest_and_retries_it_next_time()
    {
        var corpus = Path.Combine(_dir, "mixed");
        Directory.CreateDirectory(Path.Combine(corpus, "audio"));
        File.Copy(RavdessClips.Of("01", ["angry"], 1)[0].Path, Path.Combine(corpus, "audio", "good.wav"));
        File.WriteAllText(Path.Combine(corpus, "audio", "bad.wav"), "RIFF this is not audio");
        CorpusManifest.Write(corpus,
        [
            new CorpusUtterance("good", "d1", 0, "a", "g", "angry", "I am so angry", "audio/good.wav", null, null),
            new CorpusUtterance("bad", "d1", 1, "b", "g", null, null, "audio/bad.wav", null, null),
        ]);

        var first = await CliRunner.RunAsync("featurize", "--corpus", corpus, "--set", "compact", "--modalities", "audio");

        Assert.Equal(ExitCodes.PartialFailure, first.ExitCode);
        Assert.Matches(@"acoustic/compact@1\s+│\s+1\s+│\s+0\s+│\s+0\s+│\s+1", first.Stdout);
        Assert.Contains("failed bad:", first.Stderr);
        Assert.Contains("bad.wav", first.Stderr);
        var stored = new FeatureStore(corpus).Find(Modality.Acoustic)!;
        Assert.True(stored.Contains("good"));
        Assert.False(stored.Contains("bad"));

        var second = await CliRunner.RunAsync("featurize", "--corpus", corpus, "--set", "compact", "--modalities", "audio");
        Assert.Matches(@"acoustic/compact@1\s+│\s+0\s+│\s+1\s+│\s+0\s+│\s+1", second.Stdout);
    }
}
