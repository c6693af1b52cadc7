using EmoStream.Inference.Model;
using EmoStream.Inference.Training;
using EmoStream.Testing;

namespace EmoStream.Dashboard.Tests.Cli;

/// <summary>The committed default model loads with this build and is what docs/MODEL_CARD.md describes.</summary>
public class DefaultModelTests
{
    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Streaming.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Streaming.sln above {AppContext.BaseDirectory}");
    }

    [Fact]
    public void The_shipped_model_loads_is_causal_bimodal_and_calibrated()
    {
        var path = Path.Combine(RepoRoot(), "models", "default.emsm");

        var (model, metadata) = ModelFile.Load(path);
        using var _ = model;

        Assert.Equal(ContextMode.Causal, metadata.Architecture.Mode);
        Assert.Equal("acoustic/compact@1", metadata.AcousticFeaturizer!.Id);
        Assert.Equal("lexical/glove-sif@1", metadata.LexicalFeaturizer!.Id);
        Assert.Equal(["happy", "neutral", "angry", "sad"], metadata.Classes);
        Assert.NotNull(metadata.Calibration);
        Assert.InRange(metadata.Temperatures.Pooled, 0.5, 3);
        Assert.Contains(metadata.Speakers, s => s.StartsWith("ravdess-"));
        Assert.Contains(metadata.Speakers, s => s.StartsWith("meld-"));
    }

    [SkippableFact]
    public async Task Evaluate_without_model_scores_held_out_RAVDESS_actors_with_the_shipped_model()
    {
        SharedData.SkipIfAbsent();
        var dir = Directory.CreateTempSubdirectory("emostream-default-").FullName;
        try
        {
            var corpus = Path.Combine(dir, "ravdess");
            Assert.Equal(0, (await CliRunner.RunAsync("import", "ravdess", "--source", SharedData.Path("ravdess"), "--out", corpus)).ExitCode);
            // Two held-out actors only: featurizing all 720 clips is not needed for this check.
            var keep = File.ReadLines(Path.Combine(corpus, "manifest.jsonl")).Where(l => l.Contains("\"ravdess-actor20\"")).ToArray();
            File.WriteAllLines(Path.Combine(corpus, "manifest.jsonl"), keep);
            Assert.Equal(0, (await CliRunner.RunAsync("featurize", "--corpus", corpus, "--set", "compact", "--modalities", "audio")).ExitCode);

            var settings = new Dictionary<string, string?> { ["Models:Default"] = Path.Combine(RepoRoot(), "models", "default.emsm") };
            var result = await CliRunner.RunAsync(settings, "evaluate", "--corpus", corpus, "--modalities", "audio");

            Assert.True(result.ExitCode == 0, result.Stderr);
            Assert.Contains("default.emsm on all groups (36 labeled utterances)", result.Stdout);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
