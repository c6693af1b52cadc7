using EmoStream.Dashboard.Cli;
using EmoStream.Inference.Scoring;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Features;
using EmoStream.Inference.Features.Lexical;

namespace EmoStream.Cli.Tests;

/// <summary>Choosing the lexical featurizer: featurize --lexical, its configured default, and a model that keeps its own.</summary>
public sealed class LexicalEncoderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-lexical-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string TextCorpus()
    {
        var corpus = Path.Combine(_dir, "text");
        string[] lines = ["I can't believe it!", "Oh no, this is terrible.", "Fine, whatever.", "We won!", "I miss you so much.", "..."];
        string[] labels = ["happy", "sad", "neutral", "happy", "sad", "neutral"];
        var utterances = new List<CorpusUtterance>();
        for (var d = 0; d < 4; d++)
            for (var t = 0; t < lines.Length; t++)
                utterances.Add(new CorpusUtterance($"d{d}-t{t}", $"d{d}", t, t % 2 == 0 ? "A" : "B", d < 3 ? "g1" : "g2", labels[(t + d) % lines.Length],
                    lines[(t + d) % lines.Length], null, null, null));
        CorpusManifest.Write(corpus, utterances);
        return corpus;
    }

    [Fact]
    public async Task Featurize_computes_the_chosen_or_configured_encoder_and_a_model_trained_on_it_rebuilds_it()
    {
        var corpus = TextCorpus();

        var chosen = await CliRunner.RunAsync("featurize", "--corpus", corpus, "--modalities", "text", "--lexical", "minilm");
        Assert.True(chosen.ExitCode == ExitCodes.Ok, chosen.Stderr);
        Assert.Matches(@"lexical\s+│\s+lexical/minilm@1\s+│\s+20\s+│\s+0\s+│\s+4\s+│\s+0", chosen.Stdout);
        var configured = await CliRunner.RunAsync(new Dictionary<string, string?> { ["Features:Lexical:Encoder"] = "minilm" },
            "featurize", "--corpus", corpus, "--modalities", "text");
        Assert.Matches(@"lexical\s+│\s+lexical/minilm@1\s+│\s+0\s+│\s+24\s+│", configured.Stdout);
        var stored = new FeatureStore(corpus).Find(Modality.Lexical, "minilm")!;
        Assert.Equal(384, stored.Info.Dimension);

        var model = Path.Combine(_dir, "minilm.emsm");
        var train = await CliRunner.RunAsync("train", "--corpus", corpus, "--labeled", "g1", "--test", "g2", "--modalities", "text",
            "--mode", "causal", "--lexical-set", "minilm", "--epochs", "2", "--out", model);
        Assert.True(train.ExitCode == ExitCodes.Ok, train.Stderr);
        using var loaded = ScoringModel.Load(model);
        Assert.IsType<MiniLmLexicalFeaturizer>(loaded.Lexical);
        Assert.True(loaded.Lexical!.Info.SameAs(stored.Info));
    }

    [Fact]
    public async Task An_unknown_encoder_is_refused_naming_the_known_ones()
    {
        var corpus = TextCorpus();

        var option = await CliRunner.RunAsync("featurize", "--corpus", corpus, "--modalities", "text", "--lexical", "bert");
        var configured = await CliRunner.RunAsync(new Dictionary<string, string?> { ["Features:Lexical:Encoder"] = "bert" },
            "featurize", "--corpus", corpus, "--modalities", "text");

        Assert.NotEqual(ExitCodes.Ok, option.ExitCode); // System.CommandLine's own parse error (AcceptOnlyFromAmong)
        Assert.NotEqual(ExitCodes.Ok, configured.ExitCode);
        Assert.Contains("'bert'", configured.Stderr);
        Assert.Contains("'minilm'", configured.Stderr);
        Assert.False(Directory.Exists(Path.Combine(corpus, FeatureStore.FolderName)));
    }
}
