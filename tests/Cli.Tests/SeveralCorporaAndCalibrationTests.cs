using System.Text.Json;
using EmoStream.Inference.Features;
using EmoStream.Inference.Model;
using EmoStream.Testing;

namespace EmoStream.Cli.Tests;

[Collection(LibTorchGenerator.Name)]
public sealed class SeveralCorporaAndCalibrationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-several-").FullName;
    private string A => Path.Combine(_dir, "a");
    private string B => Path.Combine(_dir, "b");

    public SeveralCorporaAndCalibrationTests()
    {
        var spec = new SyntheticCorpusSpec(Groups: 3, DialoguesPerGroup: 3, MinTurns: 4, MaxTurns: 6);
        SyntheticCorpus.Write(A, spec with { Prefix = "a-" });
        SyntheticCorpus.Write(B, spec with { Prefix = "b-" });
        // Corpus b has audio features only, like an acted-speech corpus.
        var store = new FeatureStore(B);
        foreach (var (path, _) in store.List(Modality.Lexical)) File.Delete(path);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Trains_on_two_corpora_calibrates_saves_the_temperature_and_evaluate_uses_it_as_the_default_model()
    {
        var model = Path.Combine(_dir, "models", "default.emsm");
        var json = Path.Combine(_dir, "train.json");

        var train = await CliRunner.RunAsync("train", "--corpus", A, "--corpus", B, "--labeled", "a-1,b-*", "--unlabeled", "a-2,a-3",
            "--calibrate-groups", "a-2", "--test", "a-3", "--epochs", "3", "--json", json, "--out", model);

        Assert.True(train.ExitCode == 0, train.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.InRange(root.GetProperty("ece").GetDouble(), 0, 1);
        Assert.InRange(root.GetProperty("ece_before_calibration").GetDouble(), 0, 1);
        Assert.Equal(["a-1", "b-1", "b-2", "b-3"], root.GetProperty("labeled").EnumerateArray().Select(g => g.GetString()!));
        var metadata = ModelFile.ReadMetadata(model);
        Assert.Equal(12, metadata.Speakers.Count);
        Assert.NotNull(metadata.Calibration);
        Assert.Equal(["a-2"], metadata.Calibration!.Groups);
        Assert.Equal(root.GetProperty("runs")[0].GetProperty("temperature").GetDouble(), metadata.Temperatures.Pooled, 12);

        var evalJson = Path.Combine(_dir, "eval.json");
        var evaluate = await CliRunner.RunAsync(new Dictionary<string, string?> { ["Models:Default"] = model },
            "evaluate", "--corpus", A, "--groups", "a-3", "--json", evalJson);

        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        using var evalDoc = JsonDocument.Parse(File.ReadAllText(evalJson));
        Assert.Equal(root.GetProperty("wa").GetDouble(), evalDoc.RootElement.GetProperty("wa").GetDouble(), 9);
        Assert.Equal(root.GetProperty("ece").GetDouble(), evalDoc.RootElement.GetProperty("ece").GetDouble(), 5);
        Assert.Equal(metadata.Temperatures.Pooled, evalDoc.RootElement.GetProperty("temperature").GetDouble(), 12);
    }

    [Fact]
    public async Task A_bimodal_model_scores_an_audio_only_corpus_when_told_to_leave_text_out()
    {
        var model = Path.Combine(_dir, "m.emsm");
        Assert.Equal(0, (await CliRunner.RunAsync("train", "--corpus", A, "--labeled", "a-1", "--test", "a-3", "--epochs", "1", "--out", model)).ExitCode);

        var refused = await CliRunner.RunAsync("evaluate", "--model", model, "--corpus", B);
        var json = Path.Combine(_dir, "eval.json");
        var audioOnly = await CliRunner.RunAsync("evaluate", "--model", model, "--corpus", B, "--modalities", "audio", "--json", json);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("lexical features", refused.Stderr);
        Assert.True(audioOnly.ExitCode == 0, audioOnly.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(["audio"], doc.RootElement.GetProperty("modalities").EnumerateArray().Select(m => m.GetString()!));
        Assert.InRange(doc.RootElement.GetProperty("wa").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task Evaluate_without_a_model_and_without_the_default_file_says_how_to_get_one()
    {
        var missing = Path.Combine(_dir, "nowhere", "default.emsm");

        var evaluate = await CliRunner.RunAsync(new Dictionary<string, string?> { ["Models:Default"] = missing }, "evaluate", "--corpus", A);

        Assert.Equal(2, evaluate.ExitCode);
        Assert.Contains($"no default model at {missing}", evaluate.Stderr);
        Assert.Contains("or pass --model", evaluate.Stderr);
        Assert.DoesNotContain("   at ", evaluate.Stderr);
    }

    [Fact]
    public async Task Corpora_whose_acoustic_features_come_from_different_featurizers_are_refused_naming_both()
    {
        var store = new FeatureStore(B);
        var acoustic = store.Find(Modality.Acoustic)!;
        var other = new FeatureSet(acoustic.Info with { Id = "acoustic/other@2" });
        foreach (var (id, v) in acoustic.Entries) other.Add(id, v);
        File.Delete(store.PathFor(acoustic.Info));
        store.Save(other);

        var train = await CliRunner.RunAsync("train", "--corpus", $"{A},{B}", "--labeled", "a-1", "--test", "a-3", "--epochs", "1");

        Assert.Equal(2, train.ExitCode);
        Assert.Contains("acoustic/synthetic@1", train.Stderr);
        Assert.Contains("acoustic/other@2", train.Stderr);
        Assert.DoesNotContain("   at ", train.Stderr);
    }
}
