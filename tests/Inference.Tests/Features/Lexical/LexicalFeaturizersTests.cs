using EmoStream.Inference.Features;
using EmoStream.Inference.Features.Lexical;

namespace EmoStream.Inference.Tests.Features.Lexical;

[Collection(GloveCollection.Name)]
public sealed class LexicalFeaturizersTests(GloveFixture glove)
{
    [Fact]
    public void Creates_minilm_by_short_name_or_id_and_refuses_an_unknown_name()
    {
        Assert.IsType<MiniLmLexicalFeaturizer>(LexicalFeaturizers.Create("minilm"));
        Assert.IsType<MiniLmLexicalFeaturizer>(LexicalFeaturizers.Create("lexical/minilm@1"));
        Assert.IsType<MiniLmLexicalFeaturizer>(LexicalFeaturizers.Create(new LexicalFeaturizerOptions { Encoder = "minilm" }));

        var e = Assert.Throws<LexicalFeaturizerException>(() => LexicalFeaturizers.Create("bert-large"));
        Assert.Contains("'bert-large'", e.Message);
        Assert.Contains("'glove-sif'", e.Message);
        Assert.Contains("'minilm'", e.Message);
    }

    [SkippableFact]
    public void Creates_glove_sif_by_short_name_or_when_configured()
    {
        glove.SkipIfAbsent();
        var options = new LexicalFeaturizerOptions { VectorsDirectory = glove.Directory, Encoder = "glove-sif" };

        Assert.Equal(LexicalFeaturizers.MiniLm, new LexicalFeaturizerOptions().Encoder);
        Assert.IsType<SifLexicalFeaturizer>(LexicalFeaturizers.Create(options));
        Assert.True(LexicalFeaturizers.Create("glove-sif", options).Info.SameAs(glove.Featurizer!.Info));
    }

    [Fact]
    public void Rebuilds_minilm_from_recorded_info_with_the_encoder_loaded()
    {
        var recorded = new MiniLmLexicalFeaturizer().Info;
        var stored = new FeaturizerInfo(recorded.Id, recorded.Modality, recorded.Dimension, recorded.Settings);

        var rebuilt = LexicalFeaturizers.Rebuild(stored);

        Assert.IsType<MiniLmLexicalFeaturizer>(rebuilt);
        Assert.True(rebuilt.Info.SameAs(stored));
        Assert.True(MiniLmEncoder.IsLoaded);
        Assert.Equal(384, rebuilt.Extract("hello")!.Length);
    }

    [SkippableFact]
    public void Rebuilds_glove_sif_from_recorded_info()
    {
        glove.SkipIfAbsent();
        var recorded = glove.Featurizer!.Info;

        var rebuilt = LexicalFeaturizers.Rebuild(recorded, new LexicalFeaturizerOptions { VectorsDirectory = glove.Directory });

        Assert.IsType<SifLexicalFeaturizer>(rebuilt);
        Assert.Equal(glove.Featurizer.Extract("what a day"), rebuilt.Extract("what a day"));
    }

    [Fact]
    public void Refuses_an_unknown_featurizer_and_other_settings_naming_both()
    {
        var unknown = new FeaturizerInfo("lexical/bert-large@2", Modality.Lexical, 1024, "layers=24");
        var e = Assert.Throws<LexicalFeaturizerException>(() => LexicalFeaturizers.Rebuild(unknown));
        Assert.Contains("lexical/bert-large@2", e.Message);
        Assert.Contains(MiniLmLexicalFeaturizer.FeaturizerId, e.Message);
        Assert.Contains(SifLexicalFeaturizer.FeaturizerId, e.Message);

        var current = new MiniLmLexicalFeaturizer().Info;
        var otherWeights = current with { Settings = current.Settings.Replace("onnx-sha256=", "onnx-sha256=0") };
        var mismatch = Assert.Throws<LexicalFeaturizerException>(() => LexicalFeaturizers.Rebuild(otherWeights));
        Assert.Contains(otherWeights.Settings, mismatch.Message);
        Assert.Contains(current.Settings, mismatch.Message);

        var acoustic = new FeaturizerInfo("acoustic/compact@1", Modality.Acoustic, 88, "x");
        Assert.Throws<LexicalFeaturizerException>(() => LexicalFeaturizers.Rebuild(acoustic));
    }
}
