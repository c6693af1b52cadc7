using EmoStream.Testing;
using EmoStream.Inference.Corpora;
using EmoStream.Inference.Features;
using EmoStream.Inference.Model;
using EmoStream.Inference.Tests.Model;
using static TorchSharp.torch;

namespace EmoStream.Inference.Tests.Training;

[Collection(LibTorchGenerator.Name)]
public sealed class ModelFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("emostream-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ModelMetadata Metadata(DannArchitecture arch) => new(arch, EmotionClasses.All, ["a", "b", "c"],
        new FeaturizerInfo("acoustic/compact@1", Modality.Acoustic, arch.AcousticDim, "sr=16000"),
        new FeaturizerInfo("lexical/glove-sif@1", Modality.Lexical, arch.LexicalDim, "a=0.001"),
        new TrainingSummary(DateTimeOffset.UnixEpoch, "corpus", ["1"], ["2"], ["2"], 3, 1, 1, 10, 100, 0.5, 0.4, 0.3));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Saves_and_loads_weights_buffers_and_metadata(bool residual)
    {
        var arch = ModelTestData.Architecture(ContextMode.Causal, residual: residual);
        using var model = ModelTestData.EvalModel(arch);
        model.AcousticNorm!.Fit(randn(50, arch.AcousticDim) * 3 + 1);
        var path = Path.Combine(_dir, "m.emsm");
        ModelFile.Save(path, model, Metadata(arch));

        var (loaded, metadata) = ModelFile.Load(path);
        using var _ = loaded;
        using var batch = ModelTestData.Batch(arch, [6, 3]);
        using var noGrad = no_grad();

        Assert.True(model.Forward(batch).EmotionLogits.eq(loaded.Forward(batch).EmotionLogits).all().item<bool>());
        Assert.Equal(Metadata(arch) with { Classes = metadata.Classes, Speakers = metadata.Speakers, Training = metadata.Training }, metadata);
        Assert.Equal(EmotionClasses.All, metadata.Classes);
        Assert.Equal(["1"], metadata.Training.Labeled);
        Assert.Equal(residual, metadata.Architecture.Residual);
    }

    [Fact]
    public void Refuses_features_from_another_featurizer_naming_both()
    {
        var arch = ModelTestData.Architecture(ContextMode.Causal);
        var metadata = Metadata(arch);

        var e = Assert.Throws<ModelMismatchException>(() => metadata.EnsureCompatible(
            metadata.AcousticFeaturizer! with { Id = "acoustic/large@1" }, metadata.LexicalFeaturizer, "corpus X"));

        Assert.Contains("acoustic/compact@1", e.Message);
        Assert.Contains("acoustic/large@1", e.Message);
        Assert.Throws<ModelMismatchException>(() => metadata.EnsureCompatible(metadata.AcousticFeaturizer, null, "corpus X"));
        metadata.EnsureCompatible(metadata.AcousticFeaturizer, metadata.LexicalFeaturizer, "corpus X");
    }

    /// <summary>A freshly saved model file: its path and bytes.</summary>
    private (string Path, byte[] Bytes) SavedModel(ContextMode mode)
    {
        var arch = ModelTestData.Architecture(mode);
        using var model = ModelTestData.EvalModel(arch);
        var path = Path.Combine(_dir, "m.emsm");
        ModelFile.Save(path, model, Metadata(arch));
        return (path, File.ReadAllBytes(path));
    }

    [Fact]
    public void Corrupt_and_truncated_files_get_a_clear_error()
    {
        var (path, bytes) = SavedModel(ContextMode.Offline);

        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var truncated = Assert.Throws<ModelMismatchException>(() => ModelFile.Load(path));
        Assert.Contains(path, truncated.Message);

        File.WriteAllText(path, "not a model");
        Assert.Contains("not an EmoStream model", Assert.Throws<ModelMismatchException>(() => ModelFile.Load(path)).Message);
    }

    [Fact]
    public void A_byte_flipped_anywhere_in_the_weights_or_metadata_is_refused_naming_the_file()
    {
        var (path, bytes) = SavedModel(ContextMode.Causal);
        // Inside the metadata, in the middle of the weights, the last byte.
        foreach (var at in new[] { 60, bytes.Length / 2, bytes.Length - 1 })
        {
            var flipped = (byte[])bytes.Clone();
            flipped[at] ^= 0x10;
            File.WriteAllBytes(path, flipped);
            var error = Assert.Throws<ModelMismatchException>(() => ModelFile.Load(path));
            Assert.Equal($"{path}: the file is corrupt: its contents do not match the checksum stored in it (SHA-256)", error.Message);
            Assert.Throws<ModelMismatchException>(() => ModelFile.ReadMetadata(path));
        }
        File.WriteAllBytes(path, bytes);
        using var loaded = ModelFile.Load(path).Model;
    }

    [Fact]
    public void A_version_1_file_without_a_checksum_is_refused_saying_what_to_do()
    {
        var (path, bytes) = SavedModel(ContextMode.Causal);
        // Version 1: magic, version, then the payload directly.
        File.WriteAllBytes(path, [.. bytes[..4], 1, 0, .. bytes[(6 + 32)..]]);
        var error = Assert.Throws<ModelMismatchException>(() => ModelFile.Load(path));
        Assert.Contains($"{path}: model format version 1, this EmoStream reads version 2", error.Message);
    }

    [Fact]
    public void The_shipped_model_loads_with_its_checksum()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Streaming.sln"))) root = root.Parent!;
        var path = Path.Combine(root.FullName, "models", "default.emsm");
        using var loaded = ModelFile.Load(path).Model;
        Assert.Equal(ContextMode.Causal, ModelFile.ReadMetadata(path).Architecture.Mode);
    }
}
