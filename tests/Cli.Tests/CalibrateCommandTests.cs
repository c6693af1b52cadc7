using System.Text.Json;
using EmoStream.Inference.Calibration;
using EmoStream.Inference.Features;
using EmoStream.Inference.Model;
using EmoStream.Testing;

namespace EmoStream.Cli.Tests;

/// <summary>`calibrate` (per-modality temperatures on held-out groups) and `train --calibration-from` (a model trained on everything).</summary>
[Collection(LibTorchGenerator.Name)]
public sealed class CalibrateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-calibrate-cli-").FullName;
    private string A => Path.Combine(_dir, "a");
    private string B => Path.Combine(_dir, "b");
    private string Model => Path.Combine(_dir, "m.emsm");

    public CalibrateCommandTests()
    {
        // Ten dialogues of 6-8 turns a group: a held-out group has more than the 30 utterances a modality needs.
        var spec = new SyntheticCorpusSpec(Groups: 3, DialoguesPerGroup: 10, MinTurns: 6, MaxTurns: 8);
        SyntheticCorpus.Write(A, spec with { Prefix = "a-" });
        SyntheticCorpus.Write(B, spec with { Prefix = "b-" });
        // Corpus b is audio-only, like acted speech; corpus a has both modalities.
        foreach (var (path, _) in new FeatureStore(B).List(Modality.Lexical)) File.Delete(path);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task TrainAsync(params string[] extra)
    {
        var train = await CliRunner.RunAsync(["train", "--corpus", $"{A},{B}", "--labeled", "a-1,b-1", "--unlabeled", "a-2,a-3,b-2,b-3",
            "--test", "a-3,b-3", "--epochs", "6", "--out", Model, .. extra]);
        Assert.True(train.ExitCode == 0, train.Stderr);
    }

    [Fact]
    public async Task Fits_a_temperature_per_modality_reports_test_ece_and_evaluate_applies_them()
    {
        await TrainAsync();
        var calibrated = Path.Combine(_dir, "calibrated.emsm");
        var json = Path.Combine(_dir, "calibrate.json");

        var run = await CliRunner.RunAsync("calibrate", "--model", Model, "--corpus", A, "--corpus", B, "--groups", "a-2,b-2",
            "--test", "a-3,b-3", "--out", calibrated, "--json", json);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var calibration = ModelFile.ReadMetadata(calibrated).Calibration!;
        Assert.Equal(["a-2", "b-2"], calibration.Groups);
        var temperatures = calibration.Temperatures;
        Assert.Equal([ModalityPattern.Audio, ModalityPattern.AudioAndText], temperatures.ByModality.Keys.Order());
        Assert.NotEqual(temperatures.For(ModalityPattern.Audio), temperatures.For(ModalityPattern.AudioAndText));
        Assert.Equal(temperatures.Pooled, temperatures.For(ModalityPattern.Text));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var rows = doc.RootElement.GetProperty("test_ece").EnumerateArray().ToArray();
        Assert.Equal(["audio", "audio+text", "all"], rows.Select(r => r.GetProperty("modalities").GetString()!));
        Assert.All(rows, r => Assert.InRange(r.GetProperty("ece").GetDouble(), 0, 1));
        Assert.Equal(rows[^1].GetProperty("ece").GetDouble(), calibration.Ece!.Value, 12);
        Assert.Contains("ECE per-modality T", run.Stdout);

        var evalJson = Path.Combine(_dir, "eval.json");
        var evaluate = await CliRunner.RunAsync("evaluate", "--model", calibrated, "--corpus", B, "--modalities", "audio", "--json", evalJson);
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        using var evalDoc = JsonDocument.Parse(File.ReadAllText(evalJson));
        var byModality = Assert.Single(evalDoc.RootElement.GetProperty("calibration_by_modality").EnumerateArray());
        Assert.Equal("audio", byModality.GetProperty("modalities").GetString());
        Assert.Equal(temperatures.For(ModalityPattern.Audio), byModality.GetProperty("temperature").GetDouble(), 12);
        Assert.Equal(evalDoc.RootElement.GetProperty("ece").GetDouble(), byModality.GetProperty("ece").GetDouble(), 9);
    }

    [Theory]
    [InlineData("a-1", "a-3", "trained on the labels of group(s) a-1")]
    [InlineData("a-2", "a-2", "are in --groups and --test")]
    [InlineData("a-9", "a-3", "no group a-9")]
    public async Task Refuses_groups_that_cannot_give_honest_figures(string groups, string test, string message)
    {
        await TrainAsync();

        var run = await CliRunner.RunAsync("calibrate", "--model", Model, "--corpus", A, "--groups", groups, "--test", test, "--out", Path.Combine(_dir, "x.emsm"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "x.emsm")));
    }

    [Fact]
    public async Task A_model_trained_on_everything_carries_the_calibration_of_its_held_out_twin()
    {
        await TrainAsync();
        var calibrated = Path.Combine(_dir, "calibrated.emsm");
        Assert.Equal(0, (await CliRunner.RunAsync("calibrate", "--model", Model, "--corpus", $"{A},{B}", "--groups", "a-2,b-2", "--out", calibrated)).ExitCode);
        var everything = Path.Combine(_dir, "everything.emsm");

        var train = await CliRunner.RunAsync("train", "--corpus", $"{A},{B}", "--labeled", "a-*,b-*", "--epochs", "2",
            "--calibration-from", calibrated, "--out", everything);

        Assert.True(train.ExitCode == 0, train.Stderr);
        Assert.Contains("no --test groups", train.Stderr);
        var metadata = ModelFile.ReadMetadata(everything);
        Assert.Empty(metadata.Training.Test);
        Assert.Equal(6, metadata.Training.Labeled.Count);
        Assert.Null(metadata.Training.TestWa);
        var source = ModelFile.ReadMetadata(calibrated).Calibration!;
        Assert.Equal("calibrated.emsm", metadata.Calibration!.Source);
        Assert.Equal(source.Temperature, metadata.Calibration.Temperature);
        Assert.Equal(source.ModalityTemperatures, metadata.Calibration.ModalityTemperatures);
    }

    [Fact]
    public async Task Carrying_calibration_from_a_model_of_another_mode_or_an_uncalibrated_one_is_refused()
    {
        await TrainAsync("--mode", "offline");

        var uncalibrated = await CliRunner.RunAsync("train", "--corpus", A, "--labeled", "a-*", "--epochs", "1", "--mode", "offline",
            "--calibration-from", Model, "--out", Path.Combine(_dir, "x.emsm"));
        var calibrated = Path.Combine(_dir, "calibrated.emsm");
        Assert.Equal(0, (await CliRunner.RunAsync("calibrate", "--model", Model, "--corpus", A, "--groups", "a-2", "--out", calibrated)).ExitCode);
        var otherMode = await CliRunner.RunAsync("train", "--corpus", A, "--labeled", "a-*", "--epochs", "1", "--mode", "causal",
            "--calibration-from", calibrated, "--out", Path.Combine(_dir, "x.emsm"));
        var otherResidual = await CliRunner.RunAsync("train", "--corpus", A, "--labeled", "a-*", "--epochs", "1", "--mode", "offline", "--residual", "false",
            "--calibration-from", calibrated, "--out", Path.Combine(_dir, "x.emsm"));

        Assert.Equal(2, uncalibrated.ExitCode);
        Assert.Contains("is not calibrated", uncalibrated.Stderr);
        Assert.Equal(2, otherMode.ExitCode);
        Assert.Contains("its mode is offline, this training's is causal", otherMode.Stderr);
        Assert.Equal(2, otherResidual.ExitCode);
        Assert.Contains("it was trained with --residual true, this training with --residual false", otherResidual.Stderr);
    }
}
