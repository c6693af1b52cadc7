using System.Text.Json;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Features;
using EmoStream.Inference.Model;
using EmoStream.Testing;

namespace EmoStream.Cli.Tests;

[Collection(LibTorchGenerator.Name)]
public sealed class TrainAndEvaluateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-cli-").FullName;
    private string CorpusDir => Path.Combine(_dir, "corpus");

    public TrainAndEvaluateTests() =>
        SyntheticCorpus.Write(CorpusDir, new SyntheticCorpusSpec(Groups: 3, DialoguesPerGroup: 4, MinTurns: 5, MaxTurns: 8));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Train_reports_runs_writes_json_and_a_model_that_evaluate_scores_identically()
    {
        var json = Path.Combine(_dir, "train.json");
        var model = Path.Combine(_dir, "m.emsm");

        var train = await CliRunner.RunAsync("train", "--corpus", CorpusDir, "--labeled", "1,2", "--unlabeled", "3", "--test", "3",
            "--epochs", "3", "--runs", "2", "--seed", "5", "--mode", "causal", "--json", json, "--out", model);

        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Contains("run 2/2 epoch   3/3", train.Stderr);
        Assert.Contains("mean ± sd", train.Stdout);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        foreach (var key in new[] { "wa", "ua", "macro_f1", "wa_std", "runs", "classes", "confusion" })
            Assert.True(root.TryGetProperty(key, out _), $"missing key {key}");
        Assert.Equal([5, 6], root.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("seed").GetInt32()));
        Assert.Equal(EmotionClasses.All, root.GetProperty("classes").EnumerateArray().Select(c => c.GetString()!));
        var wa = root.GetProperty("wa").GetDouble();
        Assert.InRange(wa, 0, 1);
        var firstRunWa = root.GetProperty("runs")[0].GetProperty("wa").GetDouble();

        var metadata = ModelFile.ReadMetadata(model);
        Assert.Equal(ContextMode.Causal, metadata.Architecture.Mode);
        Assert.Equal("acoustic/synthetic@1", metadata.AcousticFeaturizer!.Id);
        Assert.Equal(["1", "2"], metadata.Training.Labeled);

        var evalJson = Path.Combine(_dir, "eval.json");
        var evaluate = await CliRunner.RunAsync("evaluate", "--model", model, "--corpus", CorpusDir, "--groups", "3", "--json", evalJson);

        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        using var evalDoc = JsonDocument.Parse(File.ReadAllText(evalJson));
        Assert.Equal(firstRunWa, evalDoc.RootElement.GetProperty("wa").GetDouble(), 9);
    }

    [Fact]
    public async Task Evaluate_refuses_features_from_another_featurizer_and_says_which()
    {
        var model = Path.Combine(_dir, "m.emsm");
        var train = await CliRunner.RunAsync("train", "--corpus", CorpusDir, "--labeled", "1", "--test", "3", "--epochs", "1", "--out", model);
        Assert.Equal(0, train.ExitCode);
        var store = new FeatureStore(CorpusDir);
        var acoustic = store.Find(Modality.Acoustic)!;
        var other = new FeatureSet(acoustic.Info with { Id = "acoustic/other@2" });
        foreach (var (id, v) in acoustic.Entries) other.Add(id, v);
        File.Delete(store.PathFor(acoustic.Info));
        store.Save(other);

        var evaluate = await CliRunner.RunAsync("evaluate", "--model", model, "--corpus", CorpusDir);

        Assert.Equal(2, evaluate.ExitCode);
        Assert.Contains("acoustic/synthetic@1", evaluate.Stderr);
        Assert.Contains("acoustic/other@2", evaluate.Stderr);
        Assert.DoesNotContain("   at ", evaluate.Stderr);
    }

    [Fact]
    public async Task A_malformed_manifest_is_reported_by_line_and_field_without_a_stack_trace()
    {
        File.AppendAllText(Path.Combine(CorpusDir, CorpusManifest.FileName), """{"id":"x","dialogue":"y","turn":0,"speaker":"s","group":"1","label":"bored"}""" + "\n");

        var result = await CliRunner.RunAsync("train", "--corpus", CorpusDir, "--labeled", "1", "--test", "2");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("field 'label'", result.Stderr);
        Assert.Contains("got 'bored'", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Theory]
    [InlineData("--labeled", "1,3", "--test", "3", "both labeled and test")]
    [InlineData("--labeled", "1", "--test", "9", "no group '9'")]
    public async Task Impossible_splits_are_refused(string o1, string v1, string o2, string v2, string message)
    {
        var result = await CliRunner.RunAsync("train", "--corpus", CorpusDir, o1, v1, o2, v2, "--epochs", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
    }

    [Fact]
    public async Task A_corpus_without_features_is_refused_with_the_command_that_fixes_it()
    {
        Directory.Delete(Path.Combine(CorpusDir, FeatureStore.FolderName), recursive: true);

        var result = await CliRunner.RunAsync("train", "--corpus", CorpusDir, "--labeled", "1", "--test", "2");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("emostream featurize", result.Stderr);
    }
}
